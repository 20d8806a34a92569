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
        name: "client-secret",
        value: "SECRET",
        help: "app client secret, for clients that have one [env: COGNITO_CLIENT_SECRET]",
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

const ATTR: OptionSpec = OptionSpec {
    name: "attr",
    value: "NAME=VALUE",
    help: "a user attribute, e.g. email=alice@example.com (repeatable)",
};

/// Every command.
pub(crate) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "login",
        usage: "login USERNAME [--flow srp|password|admin] [--mfa sms|totp|email] [--attr NAME=VALUE]...\n       \
                login --browser [--redirect-uri URL] [--no-open] [--scope SCOPE]... [--issuer ISS]... [--jwks URL_OR_FILE]",
        summary: "sign in and print the tokens",
        positionals: &["USERNAME"],
        options: &[
            OptionSpec { name: "flow", value: "FLOW", help: "srp (default: the password never leaves the machine), password (USER_PASSWORD_AUTH) or admin (ADMIN_USER_PASSWORD_AUTH, signed with AWS credentials)" },
            OptionSpec { name: "mfa", value: "TYPE", help: "the MFA to choose when Cognito asks (SELECT_MFA_TYPE): sms, totp or email" },
            OptionSpec { name: "attr", value: "NAME=VALUE", help: "an attribute to send with a new password (NEW_PASSWORD_REQUIRED), e.g. name=Alice (repeatable)" },
            OptionSpec { name: "browser", value: "", help: "sign in through the browser at the pool's domain (--domain): authorization code with PKCE, a loopback redirect" },
            OptionSpec { name: "redirect-uri", value: "URL", help: "with --browser: the loopback callback to listen on, one of the app client's callback URLs [env: COGNITO_REDIRECT_URI; default http://localhost:PORT/callback, the port the system picks]" },
            OptionSpec { name: "no-open", value: "", help: "with --browser: print the sign-in URL on standard error instead of opening the browser" },
            OptionSpec { name: "scope", value: "SCOPE", help: "with --browser: a scope to ask for, e.g. openid, aws.cognito.signin.user.admin (repeatable; default: all the client may have)" },
            OptionSpec { name: "issuer", value: "ISS", help: "with --browser: the tokens' issuer, when not the pool's (a test server; repeatable)" },
            OptionSpec { name: "jwks", value: "URL_OR_FILE", help: "with --browser: the key set, when not the issuer's /.well-known/jwks.json" },
        ],
        details: "The password comes from COGNITO_PASSWORD, else a prompt on a terminal, else the first\n\
                  line of standard input; never from an argument. Prints the token JSON: IdToken,\n\
                  AccessToken, RefreshToken, ExpiresIn, TokenType, ExpiresAt (RFC 3339, UTC) and\n\
                  Username; absent members are left out (README: \"The token JSON\").\n\
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
        example: "COGNITO_PASSWORD='…' cognito login alice > tokens.json",
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
        usage: "confirm-sign-up USERNAME CODE",
        summary: "confirm a registration with the code Cognito sent",
        positionals: &["USERNAME", "CODE"],
        options: &[],
        details: "",
        example: "cognito confirm-sign-up alice 123456",
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
        usage: "confirm-forgot-password USERNAME CODE",
        summary: "set a new password with the reset code",
        positionals: &["USERNAME", "CODE"],
        options: &[],
        details: "The new password comes from COGNITO_NEW_PASSWORD, else a prompt on a terminal (asked\n\
                  twice), else the first line of standard input.",
        example: "COGNITO_NEW_PASSWORD='…' cognito confirm-forgot-password alice 123456",
    },
    CommandSpec {
        name: "change-password",
        usage: "change-password",
        summary: "change the signed-in user's password",
        positionals: &[],
        options: &[],
        details: "The access token comes from COGNITO_ACCESS_TOKEN, the current password from\n\
                  COGNITO_PASSWORD and the new one from COGNITO_NEW_PASSWORD. What the environment\n\
                  lacks is asked for on a terminal, or read from standard input one line each, in that\n\
                  order (standard input may also be `cognito login`'s JSON, for the token).",
        example: "COGNITO_ACCESS_TOKEN=… COGNITO_PASSWORD='…' COGNITO_NEW_PASSWORD='…' cognito change-password",
    },
    CommandSpec {
        name: "whoami",
        usage: "whoami",
        summary: "show the signed-in user and their attributes",
        positionals: &[],
        options: &[],
        details: "The access token comes from COGNITO_ACCESS_TOKEN, else standard input (a token, or\n\
                  `cognito login`'s JSON). Prints Username and Attributes.",
        example: "cognito login alice | cognito whoami",
    },
    CommandSpec {
        name: "refresh",
        usage: "refresh [--username USERNAME]",
        summary: "get new tokens with the refresh token",
        positionals: &[],
        options: &[OptionSpec { name: "username", value: "USERNAME", help: "the Cognito username (the sub in pools that sign in by email); needed with a client secret when no access token is at hand" }],
        details: "The refresh token comes from COGNITO_REFRESH_TOKEN, else standard input (a token, or\n\
                  `cognito login`'s JSON); never from an argument. Prints the token JSON as `login`\n\
                  does: the new IdToken, AccessToken, ExpiresIn and TokenType (filled in from the\n\
                  token's exp and as Bearer when Cognito sends none), ExpiresAt, Username (--username,\n\
                  else the piped JSON's, else the access token's), and RefreshToken only when Cognito\n\
                  issued a new one; the tokens are not verified here (check them with `cognito verify`).",
        example: "COGNITO_REFRESH_TOKEN=… cognito refresh",
    },
    CommandSpec {
        name: "logout",
        usage: "logout",
        summary: "sign the user out everywhere (GlobalSignOut)",
        positionals: &[],
        options: &[],
        details: "The access token comes from COGNITO_ACCESS_TOKEN, else standard input.",
        example: "cognito logout < tokens.json",
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
        name: "verify",
        usage: "verify [TOKEN|-] [--jwks URL_OR_FILE] [--issuer ISS]... [--token-use id|access] [--leeway SECONDS]",
        summary: "verify a token against the pool's keys and print its claims",
        positionals: &["[TOKEN]"],
        options: &[
            OptionSpec { name: "jwks", value: "URL_OR_FILE", help: "the key set; defaults to the issuer's /.well-known/jwks.json (with --endpoint, {endpoint}/{poolId}/.well-known/jwks.json)" },
            OptionSpec { name: "issuer", value: "ISS", help: "an accepted issuer (repeatable); defaults to both forms Cognito issues for the pool" },
            OptionSpec { name: "token-use", value: "USE", help: "access (default) or id" },
            OptionSpec { name: "leeway", value: "SECONDS", help: "clock skew allowed on exp, nbf and iat (default 60)" },
        ],
        details: "The token comes from the argument, or from standard input when it is `-` or absent
                  (a token, or `cognito login`'s JSON: its AccessToken, or IdToken with --token-use id).
                  The allowed client is --client-id (COGNITO_CLIENT_ID). Prints the claims as JSON; an
                  invalid token exits 1 with the failure kind first on standard error (e.g. `expired:`).",
        example: "cognito login alice | cognito verify --token-use id",
    },
];

const SIGNED: &str =
    "Signed with AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the\n\
                      profile (AWS_PROFILE) in ~/.aws/credentials and ~/.aws/config.";

/// The row for `name`.
pub(crate) fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Options as `  --name VALUE   help`, the help wrapped at 100 columns.
fn option_lines(out: &mut String, options: &[OptionSpec]) {
    const INDENT: usize = 27;
    const WIDTH: usize = 100;
    for o in options {
        let left = format!("--{} {}", o.name, o.value);
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
    out.push_str(
        "  --help                   help for cognito or a command\n  \
         --version                the version\n\n\
         Passwords and tokens are never arguments: they come from COGNITO_PASSWORD,\n\
         COGNITO_NEW_PASSWORD, COGNITO_ACCESS_TOKEN, COGNITO_REFRESH_TOKEN, a prompt on a\n\
         terminal, or standard input.\n\n\
         Exit status: 0 success; 1 Cognito said no (standard error starts with its error code);\n\
         2 usage or configuration error (including an unreachable endpoint or missing AWS\n\
         credentials); 3 a sign-in challenge that cannot be answered without a terminal.\n\n\
         Example:\n  \
         export COGNITO_USER_POOL_ID=us-east-1_AbC123 COGNITO_CLIENT_ID=1example23456789\n  \
         cognito login alice > tokens.json && cognito whoami < tokens.json\n\n\
         Run `cognito COMMAND --help` for a command's details.\n",
    );
    out
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
