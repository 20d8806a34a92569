//! The command table and the help texts built from it: one row per command
//! with its usage, options, where its secrets come from, and an example.

/// An option: its name (without dashes), value placeholder and help line.
pub(crate) struct OptionSpec {
    /// The name, e.g. `pool-id`.
    pub name: &'static str,
    /// The value placeholder, e.g. `ID`.
    pub value: &'static str,
    /// One line of help.
    pub help: &'static str,
}

/// A command's row in the table.
pub(crate) struct CommandSpec {
    /// The name, e.g. `login`.
    pub name: &'static str,
    /// The usage line, without the program name.
    pub usage: &'static str,
    /// One line for the overview.
    pub summary: &'static str,
    /// The positional arguments, in order.
    pub positionals: &'static [&'static str],
    /// The command's own options.
    pub options: &'static [OptionSpec],
    /// More help: where secrets come from, what is printed.
    pub details: &'static str,
    /// An example invocation.
    pub example: &'static str,
}

/// Options every command takes.
pub(crate) const GLOBAL_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "pool-id",
        value: "ID",
        help: "user pool id, e.g. us-east-1_AbC123 [env: COGNITO_USER_POOL_ID]",
    },
    OptionSpec {
        name: "client-id",
        value: "ID",
        help: "app client id [env: COGNITO_CLIENT_ID]",
    },
    OptionSpec {
        name: "region",
        value: "REGION",
        help: "region; defaults to the pool id's prefix (AWS_REGION is not read)",
    },
    OptionSpec {
        name: "endpoint",
        value: "URL",
        help: "endpoint override, e.g. http://127.0.0.1:9229 \
               [env: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL]",
    },
    OptionSpec {
        name: "domain",
        value: "URL",
        help: "the user pool domain for OAuth 2.0 (login --browser, token), e.g. \
               https://my-app.auth.us-east-1.amazoncognito.com or auth.example.com [env: COGNITO_DOMAIN]",
    },
    OptionSpec {
        name: "output",
        value: "FORMAT",
        help: "json (default, for scripts) or text (for people)",
    },
];

/// `--token-file FILE`, for the commands that read tokens.
const TOKEN_FILE_IN: OptionSpec = OptionSpec {
    name: "token-file",
    value: "FILE",
    help: "read the tokens from FILE (the JSON `login --token-file` writes) instead of the \
           environment or standard input",
};

const ATTR: OptionSpec = OptionSpec {
    name: "attr",
    value: "NAME=VALUE",
    help: "a user attribute, e.g. email=alice@example.com (repeatable)",
};

/// Every command.
pub(crate) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "login",
        usage: "login [USERNAME] [--flow srp|password|admin] [--mfa sms|totp|email] [--attr NAME=VALUE]... [--token-file FILE]\n       \
                login --browser [--redirect-uri URL] [--no-open] [--scope SCOPE]... [--issuer ISS]... [--jwks URL_OR_FILE] [--token-file FILE]",
        summary: "sign in and print the tokens",
        positionals: &["[USERNAME]"],
        options: &[
            OptionSpec { name: "flow", value: "FLOW", help: "srp (default: the password never leaves the machine), password (USER_PASSWORD_AUTH) or admin (ADMIN_USER_PASSWORD_AUTH, signed with AWS credentials)" },
            OptionSpec { name: "mfa", value: "TYPE", help: "the MFA to choose when Cognito asks (SELECT_MFA_TYPE): sms, totp or email" },
            OptionSpec { name: "attr", value: "NAME=VALUE", help: "an attribute to send with a new password (NEW_PASSWORD_REQUIRED), e.g. name=Alice (repeatable)" },
            OptionSpec { name: "token-file", value: "FILE", help: "write the tokens to FILE instead of standard output: replaced atomically, readable by you only (mode 0600)" },
            OptionSpec { name: "browser", value: "", help: "sign in through the browser at the pool's domain (--domain): authorization code with PKCE, a loopback redirect" },
            OptionSpec { name: "redirect-uri", value: "URL", help: "with --browser: the loopback callback to listen on, one of the app client's callback URLs [env: COGNITO_REDIRECT_URI; default http://localhost:PORT/callback, the port the system picks]" },
            OptionSpec { name: "no-open", value: "", help: "with --browser: print the sign-in URL on standard error instead of opening the browser" },
            OptionSpec { name: "scope", value: "SCOPE", help: "with --browser: a scope to ask for, e.g. openid, aws.cognito.signin.user.admin (repeatable; default: all the client may have)" },
            OptionSpec { name: "issuer", value: "ISS", help: "with --browser: the tokens' issuer, when not the pool's (a test server; repeatable)" },
            OptionSpec { name: "jwks", value: "URL_OR_FILE", help: "with --browser: the key set, when not the issuer's /.well-known/jwks.json" },
        ],
        details: "USERNAME defaults to COGNITO_USERNAME. The password comes from COGNITO_PASSWORD, else a\n\
                  prompt on a terminal, else the first line of standard input; never from an argument. Prints the token JSON: IdToken,\n\
                  AccessToken, RefreshToken, ExpiresIn, TokenType, ExpiresAt (RFC 3339, UTC) and\n\
                  Username; absent members are left out (README: \"The token JSON\"). With\n\
                  --token-file FILE it writes that JSON to FILE (mode 0600, replaced atomically) and\n\
                  prints only {\"TokenFile\": FILE}; `> tokens.json` would leave the tokens readable\n\
                  by everyone under the usual umask.\n\
                  Challenges: a new password comes from COGNITO_NEW_PASSWORD (with --attr for the\n\
                  attributes the pool requires), an MFA code from COGNITO_MFA_CODE; on a terminal the\n\
                  command asks instead (including authenticator set-up, showing the secret and an\n\
                  otpauth:// URI). Without a terminal or those variables it exits 3, naming the\n\
                  challenge on standard error.\n\
                  With --browser: listens on the loopback --redirect-uri, opens the system browser at the\n\
                  domain's /oauth2/authorize (or, with --no-open or no browser, prints that URL alone on a\n\
                  line of standard error), waits at most 300 s for the redirect, checks its state (another\n\
                  is answered 400 and exits 1 with `state_mismatch`), exchanges the code with the PKCE\n\
                  verifier (a client secret from COGNITO_CLIENT_SECRET goes by HTTP Basic), verifies the\n\
                  id token and prints the token JSON as above. An OAuth error exits 1 with its code first,\n\
                  e.g. `access_denied: …`, `invalid_client: …`.",
        example: "COGNITO_PASSWORD='…' cognito login alice --token-file tokens.json",
    },
    CommandSpec {
        name: "sign-up",
        usage: "sign-up USERNAME [--attr NAME=VALUE]...",
        summary: "register a new user",
        positionals: &["USERNAME"],
        options: &[ATTR],
        details: "The password comes from COGNITO_PASSWORD, else a prompt on a terminal (asked twice),\n\
                  else the first line of standard input. Prints UserConfirmed, UserSub and where the\n\
                  confirmation code went.",
        example: "cognito sign-up alice --attr email=alice@example.com",
    },
    CommandSpec {
        name: "confirm-sign-up",
        usage: "confirm-sign-up USERNAME",
        summary: "confirm a registration with the code Cognito sent",
        positionals: &["USERNAME"],
        options: &[],
        details: "The code comes from COGNITO_CODE, else a prompt on a terminal (not echoed), else the\n\
                  first line of standard input; never from an argument.",
        example: "COGNITO_CODE=123456 cognito confirm-sign-up alice",
    },
    CommandSpec {
        name: "forgot-password",
        usage: "forgot-password USERNAME",
        summary: "send a password-reset code",
        positionals: &["USERNAME"],
        options: &[],
        details: "Prints where the code went (CodeDeliveryDetails).",
        example: "cognito forgot-password alice",
    },
    CommandSpec {
        name: "confirm-forgot-password",
        usage: "confirm-forgot-password USERNAME",
        summary: "set a new password with the reset code",
        positionals: &["USERNAME"],
        options: &[],
        details: "The code comes from COGNITO_CODE and the new password from COGNITO_NEW_PASSWORD;\n\
                  what the environment lacks is asked for on a terminal (not echoed; the password\n\
                  twice), or read from standard input one line each, code first. Never arguments:\n\
                  the code alone is enough to take over the account.",
        example: "COGNITO_CODE=123456 COGNITO_NEW_PASSWORD='…' cognito confirm-forgot-password alice",
    },
    CommandSpec {
        name: "change-password",
        usage: "change-password [--token-file FILE]",
        summary: "change the signed-in user's password",
        positionals: &[],
        options: &[TOKEN_FILE_IN],
        details: "The access token comes from --token-file (with its refresh token, to renew an\n\
                  expired one), else COGNITO_ACCESS_TOKEN; the current password from\n\
                  COGNITO_PASSWORD and the new one from COGNITO_NEW_PASSWORD. What the environment\n\
                  lacks is asked for on a terminal, or read from standard input one line each, in that\n\
                  order (standard input may also be `cognito login`'s JSON, for the token).",
        example: "COGNITO_ACCESS_TOKEN=… COGNITO_PASSWORD='…' COGNITO_NEW_PASSWORD='…' cognito change-password",
    },
    CommandSpec {
        name: "whoami",
        usage: "whoami [--token-file FILE]",
        summary: "show the signed-in user and their attributes",
        positionals: &[],
        options: &[TOKEN_FILE_IN],
        details: "The access token comes from --token-file, else COGNITO_ACCESS_TOKEN, else standard\n\
                  input (a token, or `cognito login`'s JSON). Prints Username and Attributes.",
        example: "cognito login alice | cognito whoami",
    },
    CommandSpec {
        name: "refresh",
        usage: "refresh [--username USERNAME] [--token-file FILE]",
        summary: "get new tokens with the refresh token",
        positionals: &[],
        options: &[
            OptionSpec { name: "username", value: "USERNAME", help: "the Cognito username (the sub in pools that sign in by email); needed with a client secret when no access token is at hand" },
            OptionSpec { name: "token-file", value: "FILE", help: "read the tokens from FILE and replace it with the renewed ones (atomically, mode 0600) instead of printing them" },
        ],
        details: "The refresh token comes from --token-file, else COGNITO_REFRESH_TOKEN, else standard\n\
                  input (a token, or `cognito login`'s JSON); never from an argument. Prints the token\n\
                  JSON as `login` does: the new IdToken, AccessToken, ExpiresIn and TokenType (filled\n\
                  in from the token's exp and as Bearer when Cognito sends none), ExpiresAt, Username\n\
                  (--username, else the file's or piped JSON's, else the access token's), and\n\
                  RefreshToken: the new one when Cognito rotates it, else the one used, so the output\n\
                  feeds the next `refresh`. With --token-file the JSON replaces FILE and only\n\
                  {\"TokenFile\": FILE} is printed. The tokens are not verified here (check them with\n\
                  `cognito verify`).",
        example: "cognito refresh --token-file tokens.json",
    },
    CommandSpec {
        name: "logout",
        usage: "logout [--token-file FILE]",
        summary: "sign the user out everywhere (GlobalSignOut)",
        positionals: &[],
        options: &[TOKEN_FILE_IN],
        details: "The access token comes from --token-file, else COGNITO_ACCESS_TOKEN, else standard\n\
                  input. The file is left as it is (its tokens are revoked).",
        example: "cognito logout --token-file tokens.json",
    },
    CommandSpec {
        name: "admin-get-user",
        usage: "admin-get-user USERNAME",
        summary: "show a user, as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito admin-get-user alice",
    },
    CommandSpec {
        name: "admin-create-user",
        usage: "admin-create-user USERNAME [--attr NAME=VALUE]...",
        summary: "create a user, as an administrator",
        positionals: &["USERNAME"],
        options: &[ATTR],
        details: "The temporary password comes from COGNITO_PASSWORD when it is set; otherwise Cognito\n\
                  generates one. Signed with AWS credentials (environment or shared files).",
        example: "COGNITO_PASSWORD='…' cognito admin-create-user bob --attr email=bob@example.com",
    },
    CommandSpec {
        name: "admin-delete-user",
        usage: "admin-delete-user USERNAME",
        summary: "delete a user, as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito admin-delete-user bob",
    },
    CommandSpec {
        name: "admin-confirm-sign-up",
        usage: "admin-confirm-sign-up USERNAME",
        summary: "confirm a registration without a code, as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito admin-confirm-sign-up alice",
    },
    CommandSpec {
        name: "list-users",
        usage: "list-users [--filter EXPR]",
        summary: "list the pool's users (all pages)",
        positionals: &[],
        options: &[OptionSpec { name: "filter", value: "EXPR", help: "a ListUsers filter, e.g. 'email ^= \"al\"'" }],
        details: SIGNED,
        example: "cognito list-users --filter 'email ^= \"al\"'",
    },
    CommandSpec {
        name: "groups",
        usage: "groups USERNAME",
        summary: "list the groups a user is in",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito groups alice",
    },
    CommandSpec {
        name: "token",
        usage: "token [--scope SCOPE]... [--issuer ISS]... [--jwks URL_OR_FILE]",
        summary: "get a machine-to-machine access token (client_credentials)",
        positionals: &[],
        options: &[
            OptionSpec { name: "scope", value: "SCOPE", help: "a scope to ask for, e.g. orders/read (repeatable; default: all the client may have)" },
            OptionSpec { name: "issuer", value: "ISS", help: "with --pool-id: an accepted issuer (repeatable); defaults to the pool's" },
            OptionSpec { name: "jwks", value: "URL_OR_FILE", help: "with --pool-id: the key set; defaults as for verify" },
        ],
        details: "Asks the pool domain's token endpoint (--domain, COGNITO_DOMAIN) for a client_credentials\n\
                  token, authenticating the app client (--client-id, COGNITO_CLIENT_ID) by HTTP Basic with\n\
                  its secret from COGNITO_CLIENT_SECRET. Prints exactly access_token, expires_in and\n\
                  token_type as JSON. With --pool-id the access token is verified first (signature,\n\
                  issuer, client_id, every scope asked for). An OAuth error exits 1 with its code first on\n\
                  standard error, e.g. `invalid_client: …`, `invalid_scope: …`.",
        example: "COGNITO_CLIENT_SECRET=… cognito --domain auth.example.com token --scope orders/read",
    },
    CommandSpec {
        name: "create-group",
        usage: "create-group GROUP [--description TEXT] [--precedence N]",
        summary: "create a group, as an administrator",
        positionals: &["GROUP"],
        options: &[
            OptionSpec { name: "description", value: "TEXT", help: "what the group is for" },
            OptionSpec { name: "precedence", value: "N", help: "a whole number; the lowest wins when a user's groups have roles" },
        ],
        details: SIGNED,
        example: "cognito create-group admins --description 'Administrators'",
    },
    CommandSpec {
        name: "add-user-to-group",
        usage: "add-user-to-group USERNAME GROUP",
        summary: "put a user in a group, as an administrator",
        positionals: &["USERNAME", "GROUP"],
        options: &[],
        details: SIGNED,
        example: "cognito add-user-to-group alice admins",
    },
    CommandSpec {
        name: "remove-user-from-group",
        usage: "remove-user-from-group USERNAME GROUP",
        summary: "take a user out of a group, as an administrator",
        positionals: &["USERNAME", "GROUP"],
        options: &[],
        details: SIGNED,
        example: "cognito remove-user-from-group alice admins",
    },
    CommandSpec {
        name: "admin-set-user-password",
        usage: "admin-set-user-password USERNAME [--temporary]",
        summary: "set a user's password, as an administrator",
        positionals: &["USERNAME"],
        options: &[OptionSpec { name: "temporary", value: "", help: "make it temporary: the next sign-in asks for a new one (NEW_PASSWORD_REQUIRED); by default it is permanent and confirms the user" }],
        details: "The password comes from COGNITO_NEW_PASSWORD, else a prompt on a terminal (asked\n\
                  twice, not echoed), else the first line of standard input; never from an argument.\n\
                  Signed with AWS credentials (environment or shared files).",
        example: "COGNITO_NEW_PASSWORD='…' cognito admin-set-user-password alice",
    },
    CommandSpec {
        name: "admin-reset-user-password",
        usage: "admin-reset-user-password USERNAME",
        summary: "make a user reset their password with a code, as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: "Cognito sends the user a code (RESET_REQUIRED until they use it with\n\
                  `confirm-forgot-password`). Signed with AWS credentials (environment or shared files).",
        example: "cognito admin-reset-user-password alice",
    },
    CommandSpec {
        name: "admin-disable-user",
        usage: "admin-disable-user USERNAME",
        summary: "disable a user (sign-in refused, tokens kept until they expire), as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito admin-disable-user alice",
    },
    CommandSpec {
        name: "admin-enable-user",
        usage: "admin-enable-user USERNAME",
        summary: "enable a disabled user, as an administrator",
        positionals: &["USERNAME"],
        options: &[],
        details: SIGNED,
        example: "cognito admin-enable-user alice",
    },
    CommandSpec {
        name: "completions",
        usage: "completions bash|zsh|fish",
        summary: "print a shell completion script",
        positionals: &["SHELL"],
        options: &[],
        details: "Completes command names, options and --flow/--mfa/--output/--token-use values.\n\
                  bash: `cognito completions bash > ~/.local/share/bash-completion/completions/cognito`;\n\
                  zsh: `cognito completions zsh > \"${fpath[1]}/_cognito\"`;\n\
                  fish: `cognito completions fish > ~/.config/fish/completions/cognito.fish`.",
        example: "cognito completions bash > ~/.local/share/bash-completion/completions/cognito",
    },
    CommandSpec {
        name: "verify",
        usage: "verify [-] [--jwks URL_OR_FILE] [--issuer ISS]... [--token-use id|access] [--leeway SECONDS] [--token-file FILE]",
        summary: "verify a token against the pool's keys and print its claims",
        positionals: &["[-]"],
        options: &[
            TOKEN_FILE_IN,
            OptionSpec { name: "jwks", value: "URL_OR_FILE", help: "the key set; defaults to the issuer's /.well-known/jwks.json (with --endpoint, {endpoint}/{poolId}/.well-known/jwks.json)" },
            OptionSpec { name: "issuer", value: "ISS", help: "an accepted issuer (repeatable); defaults to both forms Cognito issues for the pool" },
            OptionSpec { name: "token-use", value: "USE", help: "access (default) or id" },
            OptionSpec { name: "leeway", value: "SECONDS", help: "clock skew allowed on exp, nbf and iat (default 60)" },
        ],
        details: "The token comes from --token-file, else standard input (a token, or `cognito login`'s
                  JSON: its AccessToken, or IdToken with --token-use id); never from an argument (`-`,
                  for standard input, is still accepted).
                  The allowed client is --client-id (COGNITO_CLIENT_ID). Prints the claims as JSON; an
                  invalid token exits 1 with the failure kind first on standard error (e.g. `expired:`).",
        example: "cognito login alice | cognito verify --token-use id",
    },
    CommandSpec {
        name: "aws-credentials",
        usage: "aws-credentials --identity-pool-id ID [--guest | --token-file FILE | --username USERNAME] [--role-arn ARN]",
        summary: "print the user's AWS credentials from an identity pool (for credential_process)",
        positionals: &[],
        options: &[
            OptionSpec { name: "identity-pool-id", value: "ID", help: "the identity pool, e.g. us-east-1:0a1b2c3d-… [env: COGNITO_IDENTITY_POOL_ID]" },
            OptionSpec { name: "guest", value: "", help: "an unauthenticated (guest) identity: no tokens needed" },
            OptionSpec { name: "token-file", value: "FILE", help: "the user's tokens (the JSON `login --token-file` writes); renewed tokens are written back (atomically, mode 0600)" },
            OptionSpec { name: "username", value: "USERNAME", help: "sign in as USERNAME with COGNITO_PASSWORD [env: COGNITO_USERNAME]" },
            OptionSpec { name: "role-arn", value: "ARN", help: "the role to ask for (CustomRoleArn), when the pool's rules let the user choose; with --basic-flow, the role STS assumes" },
            OptionSpec { name: "basic-flow", value: "", help: "the basic (classic) flow, for pools that allow it: GetOpenIdToken, then STS AssumeRoleWithWebIdentity for --role-arn [STS endpoint: AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL]" },
        ],
        details: "Prints only the credential_process JSON: Version (1), AccessKeyId, SecretAccessKey,\n\
                  SessionToken and Expiration (RFC 3339, UTC), whatever --output says, so an AWS profile\n\
                  can use it: `credential_process = cognito aws-credentials --identity-pool-id ID\n\
                  --token-file FILE`. The user's tokens come from, first that applies: --guest (none);\n\
                  --token-file; COGNITO_ID_TOKEN (with COGNITO_REFRESH_TOKEN to renew it);\n\
                  COGNITO_PASSWORD with --username or COGNITO_USERNAME, signing in as `login` does.\n\
                  An id token that expires within 5 minutes is renewed first (and the token file\n\
                  rewritten, keeping its refresh token). Needs --pool-id (COGNITO_USER_POOL_ID) for a\n\
                  user: the identity pool knows the user pool by its issuer. The identity pool's\n\
                  endpoint is AWS_ENDPOINT_URL_COGNITO_IDENTITY, else --endpoint, else AWS_ENDPOINT_URL.",
        example: "cognito aws-credentials --identity-pool-id us-east-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d --token-file tokens.json",
    },
];

const SIGNED: &str =
    "Signed with AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the\n\
                      profile (AWS_PROFILE) in ~/.aws/credentials and ~/.aws/config (keys, role_arn,\n\
                      web identity, SSO, credential_process), else container or EC2 instance credentials.";

/// The row for `name`.
pub(crate) fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Options as `  --name VALUE   help`, the help wrapped at 100 columns.
fn option_lines(out: &mut String, options: &[OptionSpec]) {
    const INDENT: usize = 27;
    const WIDTH: usize = 100;
    for o in options {
        let left = if o.value.is_empty() {
            format!("--{}", o.name)
        } else {
            format!("--{} {}", o.name, o.value)
        };
        let mut line = format!("  {left:<24}");
        for word in o.help.split_whitespace() {
            if line.len() + 1 + word.len() > WIDTH && line.len() > INDENT {
                out.push_str(&line);
                out.push('\n');
                line = " ".repeat(INDENT - 1);
            }
            line.push(' ');
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
}

/// `cognito --help`.
pub(crate) fn overview() -> String {
    let mut out = format!(
        "cognito {}: Amazon Cognito user pools from the command line\n\n\
         Usage: cognito [OPTIONS] COMMAND [ARGS]\n\nCommands:\n",
        env!("CARGO_PKG_VERSION")
    );
    for c in COMMANDS {
        out.push_str(&format!("  {:<24} {}\n", c.name, c.summary));
    }
    out.push_str("\nOptions (every command):\n");
    option_lines(&mut out, GLOBAL_OPTIONS);
    out.push_str(&format!(
        "  --help                   help for cognito or a command\n  \
         --version                the version\n\n\
         Secrets are never arguments (a command line is visible to every user in `ps`):\n\
         passwords, codes, tokens and the client secret come from the environment, a file\n\
         (--token-file), a prompt on a terminal, or standard input.\n\n\
         Environment:\n\
         {env}\n\n\
         Exit status: 0 success; 1 Cognito said no (standard error starts with its error code);\n\
         2 usage or configuration error (including an unreachable endpoint or missing AWS\n\
         credentials); 3 a sign-in challenge that cannot be answered without a terminal.\n\n\
         Example:\n  \
         export COGNITO_USER_POOL_ID=us-east-1_AbC123 COGNITO_CLIENT_ID=1example23456789\n  \
         cognito login alice --token-file tokens.json && cognito whoami --token-file tokens.json\n\n\
         Run `cognito COMMAND --help` for a command's details.\n",
        env = environment_lines(),
    ));
    out
}

/// Every environment variable the command line reads (the library reads
/// the `AWS_*` ones through the handle), with what it holds.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("COGNITO_USER_POOL_ID", "the user pool id (--pool-id)"),
    ("COGNITO_CLIENT_ID", "the app client id (--client-id)"),
    ("COGNITO_CLIENT_SECRET", "the app client secret, for clients that have one"),
    ("COGNITO_USERNAME", "the username when login is given none"),
    ("COGNITO_PASSWORD", "the password (login, sign-up, change-password's current one, admin-create-user's temporary one)"),
    ("COGNITO_NEW_PASSWORD", "a new password (change-password, confirm-forgot-password, admin-set-user-password, NEW_PASSWORD_REQUIRED)"),
    ("COGNITO_CODE", "a confirmation code (confirm-sign-up, confirm-forgot-password)"),
    ("COGNITO_MFA_CODE", "an MFA code during login"),
    ("COGNITO_ACCESS_TOKEN", "the access token (whoami, logout, change-password)"),
    ("COGNITO_REFRESH_TOKEN", "the refresh token (refresh, change-password, aws-credentials)"),
    ("COGNITO_ID_TOKEN", "the id token (aws-credentials)"),
    ("COGNITO_USERNAME", "the username to sign in as (aws-credentials, with COGNITO_PASSWORD)"),
    ("COGNITO_IDENTITY_POOL_ID", "the identity pool id (aws-credentials --identity-pool-id)"),
    ("COGNITO_DOMAIN", "the user pool's domain for OAuth 2.0 (--domain; login --browser, token)"),
    ("COGNITO_REDIRECT_URI", "the loopback callback for login --browser (--redirect-uri)"),
    ("AWS_ENDPOINT_URL_COGNITO_IDENTITY", "the identity pool endpoint (aws-credentials; beats --endpoint)"),
    ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL", "the endpoint (--endpoint)"),
    ("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE", "AWS credentials for the admin commands and --flow admin"),
];

/// [`ENVIRONMENT`] as indented lines.
fn environment_lines() -> String {
    ENVIRONMENT
        .iter()
        .map(|(name, what)| format!("  {name}: {what}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `cognito COMMAND --help`.
pub(crate) fn command_help(c: &CommandSpec) -> String {
    let mut out = format!(
        "cognito {}: {}\n\nUsage: cognito {}\n",
        c.name, c.summary, c.usage
    );
    if !c.details.is_empty() {
        out.push('\n');
        out.push_str(c.details);
        out.push('\n');
    }
    if !c.options.is_empty() {
        out.push_str("\nOptions:\n");
        option_lines(&mut out, c.options);
    }
    out.push_str("\nGlobal options:\n");
    option_lines(&mut out, GLOBAL_OPTIONS);
    out.push_str(&format!("\nExample:\n  {}\n", c.example));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `"COGNITO_…"` literal in the command line's sources.
    fn variables_read() -> Vec<String> {
        let sources = [
            include_str!("args.rs"),
            include_str!("context.rs"),
            include_str!("prompt.rs"),
            include_str!("commands/account.rs"),
            include_str!("commands/admin.rs"),
            include_str!("commands/challenges.rs"),
            include_str!("commands/login.rs"),
            include_str!("commands/session.rs"),
            include_str!("commands/verify.rs"),
        ];
        let mut names: Vec<String> = sources
            .iter()
            .flat_map(|s| s.split("\"COGNITO_").skip(1))
            .filter_map(|rest| rest.split('"').next())
            .filter(|n| n.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
            .map(|n| format!("COGNITO_{n}"))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn the_overview_lists_every_variable_the_command_line_reads() {
        let read = variables_read();
        assert!(read.len() >= 9, "the scan found them: {read:?}");
        let overview = overview();
        for name in &read {
            assert!(
                ENVIRONMENT
                    .iter()
                    .any(|(n, _)| n.split(", ").any(|n| n == name)),
                "{name} is read but not in ENVIRONMENT"
            );
            assert!(overview.contains(name.as_str()), "{name} not in --help");
        }
    }

    #[test]
    fn no_option_takes_a_secret() {
        for option in GLOBAL_OPTIONS
            .iter()
            .chain(COMMANDS.iter().flat_map(|c| c.options.iter()))
        {
            for word in ["secret", "password", "code", "token"] {
                // The token file is a path; --token-use is id or access.
                assert!(
                    !option.name.contains(word)
                        || ["token-file", "token-use"].contains(&option.name),
                    "--{} looks like it takes a secret",
                    option.name
                );
            }
        }
        for c in COMMANDS {
            for p in c.positionals {
                assert!(
                    !["CODE", "TOKEN", "PASSWORD", "SECRET"]
                        .iter()
                        .any(|w| p.contains(w)),
                    "{} takes {p} as an argument",
                    c.name
                );
            }
        }
    }
}
