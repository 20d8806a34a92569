//! `cognito completions bash|zsh|fish`: completion scripts built from the
//! command table in `help.rs`, so a new command or option completes without
//! editing a script.

use crate::args::Shell;
use crate::help::{CommandSpec, OptionSpec, COMMANDS, GLOBAL_OPTIONS};

/// Values offered after an option, by option name.
const VALUES: &[(&str, &str)] = &[
    ("flow", "srp password admin"),
    ("mfa", "sms totp email"),
    ("output", "json text"),
    ("token-use", "access id"),
];

/// Options that name a file.
const FILE_OPTIONS: &[&str] = &["token-file", "jwks"];

/// The completion script for `shell`.
pub(crate) fn script(shell: Shell) -> String {
    match shell {
        Shell::Bash => bash(),
        Shell::Zsh => zsh(),
        Shell::Fish => fish(),
    }
}

fn names(options: &[OptionSpec]) -> Vec<String> {
    options.iter().map(|o| format!("--{}", o.name)).collect()
}

fn command_options(c: &CommandSpec) -> String {
    let mut all = names(c.options);
    all.extend(names(GLOBAL_OPTIONS));
    all.push("--help".to_owned());
    all.join(" ")
}

fn bash() -> String {
    let commands: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    let mut s = String::from(
        "# bash completion for cognito (cognito completions bash)\n_cognito() {\n    \
         local cur prev cmd i\n    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n    \
         prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n    cmd=\"\"\n    \
         for ((i = 1; i < COMP_CWORD; i++)); do\n        \
         case \"${COMP_WORDS[i]}\" in -*) ;; *) cmd=\"${COMP_WORDS[i]}\"; break ;; esac\n    done\n    \
         case \"$prev\" in\n",
    );
    for (option, values) in VALUES {
        s.push_str(&format!(
            "        --{option}) COMPREPLY=($(compgen -W \"{values}\" -- \"$cur\")); return ;;\n"
        ));
    }
    for option in FILE_OPTIONS {
        s.push_str(&format!(
            "        --{option}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
        ));
    }
    s.push_str("    esac\n    case \"$cmd\" in\n");
    s.push_str(&format!(
        "        \"\") COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\")) ;;\n",
        commands.join(" ")
    ));
    for c in COMMANDS {
        if c.name == "completions" {
            s.push_str(
                "        completions) COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")) ;;\n",
            );
        } else {
            s.push_str(&format!(
                "        {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")) ;;\n",
                c.name,
                command_options(c)
            ));
        }
    }
    s.push_str("    esac\n}\ncomplete -F _cognito cognito\n");
    s
}

/// A help line made safe inside single quotes and zsh's `[…]`.
fn zsh_help(text: &str) -> String {
    text.replace('\'', "")
        .replace('[', "(")
        .replace(']', ")")
        .replace(':', " -")
}

fn zsh() -> String {
    let mut s = String::from(
        "#compdef cognito\n# zsh completion for cognito (cognito completions zsh)\n_cognito() {\n    \
         local -a commands\n    commands=(\n",
    );
    for c in COMMANDS {
        s.push_str(&format!("        '{}:{}'\n", c.name, zsh_help(c.summary)));
    }
    s.push_str(
        "    )\n    if (( CURRENT == 2 )); then\n        _describe 'command' commands\n        return\n    fi\n    \
         case \"$words[2]\" in\n",
    );
    for c in COMMANDS {
        s.push_str(&format!("        {})\n            _arguments \\\n", c.name));
        for o in c.options.iter().chain(GLOBAL_OPTIONS) {
            let action = if o.value.is_empty() {
                String::new()
            } else if let Some((_, values)) = VALUES.iter().find(|(n, _)| *n == o.name) {
                format!(":{}:({values})", o.value)
            } else if FILE_OPTIONS.contains(&o.name) {
                format!(":{}:_files", o.value)
            } else {
                format!(":{}: ", o.value)
            };
            s.push_str(&format!(
                "                '--{}[{}]{action}' \\\n",
                o.name,
                zsh_help(o.help)
            ));
        }
        if c.name == "completions" {
            s.push_str("                '1:shell:(bash zsh fish)' \\\n");
        }
        s.push_str("                '*: :_default'\n            ;;\n");
    }
    s.push_str("    esac\n}\ncompdef _cognito cognito\n");
    s
}

fn fish() -> String {
    let commands: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    let mut s = format!(
        "# fish completion for cognito (cognito completions fish)\n\
         complete -c cognito -f\n\
         complete -c cognito -n 'not __fish_seen_subcommand_from {}' -a '{}'\n",
        commands.join(" "),
        commands.join(" ")
    );
    for c in COMMANDS {
        s.push_str(&format!(
            "complete -c cognito -n '__fish_use_subcommand' -a {} -d '{}'\n",
            c.name,
            c.summary.replace('\'', "")
        ));
        for o in c.options.iter().chain(GLOBAL_OPTIONS) {
            let mut line = format!(
                "complete -c cognito -n '__fish_seen_subcommand_from {}' -l {} -d '{}'",
                c.name,
                o.name,
                o.help.replace('\'', "")
            );
            if let Some((_, values)) = VALUES.iter().find(|(n, _)| *n == o.name) {
                line.push_str(&format!(" -x -a '{values}'"));
            } else if FILE_OPTIONS.contains(&o.name) {
                line.push_str(" -r -F");
            } else if !o.value.is_empty() {
                line.push_str(" -x");
            }
            s.push_str(&line);
            s.push('\n');
        }
    }
    s.push_str(
        "complete -c cognito -n '__fish_seen_subcommand_from completions' -x -a 'bash zsh fish'\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_is_in_every_script() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let text = script(shell);
            for c in COMMANDS {
                assert!(text.contains(c.name), "{shell:?} lacks {}", c.name);
                for o in c.options.iter().chain(GLOBAL_OPTIONS) {
                    assert!(text.contains(o.name), "{shell:?} lacks --{}", o.name);
                }
            }
        }
    }

    #[test]
    fn scripts_register_the_completion() {
        assert!(script(Shell::Bash).contains("complete -F _cognito cognito"));
        assert!(script(Shell::Zsh).starts_with("#compdef cognito"));
        assert!(
            script(Shell::Fish).contains("complete -c cognito -n '__fish_use_subcommand' -a login")
        );
    }
}
