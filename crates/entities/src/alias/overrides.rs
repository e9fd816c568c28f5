//! The user's alias override file: force two names into one entity, or veto a merge.
//!
//! Format: one directive a line; `#` starts a comment; names are in double quotes (a `"` inside a
//! name is written `\"`).
//!
//! ```text
//! # corroborate alias overrides
//! force "Abu Mohammad al-Jolani" = "Ahmed al-Sharaa"
//! veto "Bashar al-Assad" != "Hafez al-Assad"
//! ```
//!
//! A name in the file stands for every entity that has a name with the same transliteration key
//! (so `"Bashar Assad"` also covers "Bashar al-Assad"). Vetoes are checked before every merge,
//! automatic or forced by a pattern; forces are applied last and recorded as `override:force`.
//! The file is the store: [`Overrides::load`] reads it on every run and [`Overrides::save`]
//! writes back what [`Overrides::force`] and [`Overrides::veto`] added, so a decision made once
//! is re-applied to every later run.

use std::fmt;
use std::path::Path;

/// One line of the override file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Directive {
    /// These two names are one entity.
    Force(String, String),
    /// These two names are never one entity.
    Veto(String, String),
}

/// The parsed override file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub directives: Vec<Directive>,
}

/// A line of the override file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OverrideError {
    #[error("override file line {line}: {message} (expected `force \"A\" = \"B\"` or `veto \"A\" != \"B\"`)")]
    Syntax { line: usize, message: String },
    #[error("override file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Overrides {
    /// No overrides.
    pub fn none() -> Overrides {
        Overrides::default()
    }

    /// Parse the text of an override file.
    pub fn parse(text: &str) -> Result<Overrides, OverrideError> {
        let mut directives = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let err = |m: &str| OverrideError::Syntax {
                line: line_no,
                message: m.to_string(),
            };
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (verb, rest) = l
                .split_once(char::is_whitespace)
                .ok_or_else(|| err("no names"))?;
            let (a, rest) =
                quoted(rest.trim_start()).ok_or_else(|| err("first name not quoted"))?;
            let rest = rest.trim_start();
            let (op, rest) = if let Some(r) = rest.strip_prefix("!=") {
                ("!=", r)
            } else if let Some(r) = rest.strip_prefix('=') {
                ("=", r)
            } else {
                return Err(err("missing `=` or `!=`"));
            };
            let (b, rest) =
                quoted(rest.trim_start()).ok_or_else(|| err("second name not quoted"))?;
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(err("text after the second name"));
            }
            if a.trim().is_empty() || b.trim().is_empty() {
                return Err(err("empty name"));
            }
            match (verb, op) {
                ("force", "=") => directives.push(Directive::Force(a, b)),
                ("veto", "!=") => directives.push(Directive::Veto(a, b)),
                ("force", _) => return Err(err("`force` takes `=`")),
                ("veto", _) => return Err(err("`veto` takes `!=`")),
                _ => return Err(err("unknown directive")),
            }
        }
        Ok(Overrides { directives })
    }

    /// Read an override file; a missing file is no overrides.
    pub fn load(path: &Path) -> Result<Overrides, OverrideError> {
        match std::fs::read_to_string(path) {
            Ok(t) => Overrides::parse(&t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Overrides::none()),
            Err(source) => Err(OverrideError::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// Write the overrides back (the canonical form of the file; comments are not kept).
    pub fn save(&self, path: &Path) -> Result<(), OverrideError> {
        std::fs::write(path, self.to_string()).map_err(|source| OverrideError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Record that `a` and `b` are one entity (replacing a veto of the same pair).
    pub fn force(&mut self, a: &str, b: &str) {
        self.directives.retain(|d| !same_pair(d, a, b));
        self.directives
            .push(Directive::Force(a.to_string(), b.to_string()));
    }

    /// Record that `a` and `b` are never one entity (replacing a force of the same pair).
    pub fn veto(&mut self, a: &str, b: &str) {
        self.directives.retain(|d| !same_pair(d, a, b));
        self.directives
            .push(Directive::Veto(a.to_string(), b.to_string()));
    }

    pub(crate) fn forces(&self) -> impl Iterator<Item = (&str, &str)> {
        self.directives.iter().filter_map(|d| match d {
            Directive::Force(a, b) => Some((a.as_str(), b.as_str())),
            Directive::Veto(..) => None,
        })
    }

    pub(crate) fn vetoes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.directives.iter().filter_map(|d| match d {
            Directive::Veto(a, b) => Some((a.as_str(), b.as_str())),
            Directive::Force(..) => None,
        })
    }
}

fn same_pair(d: &Directive, a: &str, b: &str) -> bool {
    let (x, y) = match d {
        Directive::Force(x, y) | Directive::Veto(x, y) => (x, y),
    };
    (x == a && y == b) || (x == b && y == a)
}

/// Read a double-quoted string at the start of `s`; returns it and the rest.
fn quoted(s: &str) -> Option<(String, &str)> {
    let mut chars = s.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in chars {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return Some((out, &s[i + 1..]));
        } else {
            out.push(c);
        }
    }
    None
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl fmt::Display for Overrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "# corroborate alias overrides: force \"A\" = \"B\" | veto \"A\" != \"B\""
        )?;
        for d in &self.directives {
            match d {
                Directive::Force(a, b) => writeln!(f, "force {} = {}", quote(a), quote(b))?,
                Directive::Veto(a, b) => writeln!(f, "veto {} != {}", quote(a), quote(b))?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_force_and_veto() {
        let o = Overrides::parse(
            "# mine\n\nforce \"Abu Mohammad al-Jolani\" = \"Ahmed al-Sharaa\"\nveto \"Bashar al-Assad\" != \"Hafez al-Assad\" # no\n",
        )
        .unwrap();
        assert_eq!(
            o.directives,
            vec![
                Directive::Force("Abu Mohammad al-Jolani".into(), "Ahmed al-Sharaa".into()),
                Directive::Veto("Bashar al-Assad".into(), "Hafez al-Assad".into()),
            ]
        );
    }

    #[test]
    fn rejects_bad_lines_with_their_number() {
        for bad in [
            "force A = B",
            "veto \"A\" = \"B\"",
            "force \"A\" != \"B\"",
            "merge \"A\" = \"B\"",
            "force \"A\" = \"B\" extra",
            "force \"\" = \"B\"",
        ] {
            let e = Overrides::parse(&format!("# ok\n{bad}\n")).unwrap_err();
            assert!(e.to_string().contains("line 2"), "{bad}: {e}");
        }
    }

    #[test]
    fn round_trips_through_the_file() {
        let mut o = Overrides::none();
        o.force("Abu \"the\" Jolani", "Sharaa");
        o.veto("Bashar al-Assad", "Maher al-Assad");
        o.force("Maher al-Assad", "Bashar al-Assad"); // replaces the veto
        let dir = std::env::temp_dir().join(format!("corroborate-ovr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("aliases.txt");
        o.save(&path).unwrap();
        let back = Overrides::load(&path).unwrap();
        assert_eq!(back, o);
        assert_eq!(back.vetoes().count(), 0);
        assert_eq!(back.forces().count(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(Overrides::load(&path).unwrap(), Overrides::none());
    }
}
