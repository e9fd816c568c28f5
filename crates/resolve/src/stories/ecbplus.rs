//! Reads the ECB+ corpus (token-level CAT XML) into plain-text documents with their gold
//! sub-topic: `N_Mecb.xml` belongs to story `N/ecb`, `N_Mecbplus.xml` to `N/ecbplus`.
//!
//! The `ecbplus` files carry the URL they were found at as sentence 0; it is dropped, because
//! only those files have one and it would tell the two sub-topics apart by itself.

use super::StoryDoc;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::path::{Path, PathBuf};

/// Test topics of the usual ECB+ split.
pub const TEST_TOPICS: std::ops::RangeInclusive<u32> = 36..=45;
/// Dev topics of the usual ECB+ split; the rest is train.
pub const DEV_TOPICS: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];

/// The usual split a topic belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Split {
    Train,
    Dev,
    Test,
}

pub fn split_of(topic: u32) -> Split {
    if TEST_TOPICS.contains(&topic) {
        Split::Test
    } else if DEV_TOPICS.contains(&topic) {
        Split::Dev
    } else {
        Split::Train
    }
}

/// One ECB+ document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbDoc {
    /// File name, e.g. `1_10ecbplus.xml`.
    pub name: String,
    pub topic: u32,
    /// Gold story: `1/ecb` or `1/ecbplus`.
    pub gold: String,
    /// Detokenized text, one sentence per line.
    pub text: String,
}

impl EcbDoc {
    /// The document as the clusterer takes it: id and source are the file name; ECB+ has no
    /// titles or publication dates.
    pub fn to_story_doc(&self) -> StoryDoc {
        StoryDoc::new(
            &self.name,
            format!("ECB+/{}/{}", self.topic, self.name),
            &self.text,
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EcbError {
    #[error("no ECB+ topic folders under {0} (expected …/ECB+_LREC2014/ECB+/N/N_Mecb.xml)")]
    NotFound(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Xml { path: PathBuf, message: String },
}

/// Finds the folder that holds the topic folders: `root` itself, `root/ECB+` or
/// `root/ECB+_LREC2014/ECB+`.
pub fn locate(root: &Path) -> Option<PathBuf> {
    [
        root.to_path_buf(),
        root.join("ECB+"),
        root.join("ECB+_LREC2014").join("ECB+"),
    ]
    .into_iter()
    .find(|p| p.join("1").is_dir())
}

/// Reads every document, sorted by topic then file name.
pub fn read_corpus(root: &Path) -> Result<Vec<EcbDoc>, EcbError> {
    let dir = locate(root).ok_or_else(|| EcbError::NotFound(root.to_path_buf()))?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EcbError::Io { path, source }
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
        let entry = entry.map_err(io(&dir))?;
        let Some(topic) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let tdir = entry.path();
        for f in std::fs::read_dir(&tdir).map_err(io(&tdir))? {
            let path = f.map_err(io(&tdir))?.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            let sub = if name.ends_with("ecbplus.xml") {
                "ecbplus"
            } else if name.ends_with("ecb.xml") {
                "ecb"
            } else {
                continue;
            };
            let xml = std::fs::read_to_string(&path).map_err(io(&path))?;
            let text = detokenize(&read_tokens(&xml).map_err(|message| EcbError::Xml {
                path: path.clone(),
                message,
            })?);
            out.push(EcbDoc {
                name,
                topic,
                gold: format!("{topic}/{sub}"),
                text,
            });
        }
    }
    out.sort_by(|a, b| (a.topic, &a.name).cmp(&(b.topic, &b.name)));
    Ok(out)
}

/// (sentence number, token text) of every `<token>`, in document order.
fn read_tokens(xml: &str) -> Result<Vec<(u32, String)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(u32, String)> = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == "token" => {
                let mut sentence = 0;
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == "sentence" {
                        let v = a
                            .normalized_value(XmlVersion::Implicit1_0)
                            .map_err(|e| e.to_string())?;
                        sentence = v.trim().parse().unwrap_or(0);
                    }
                }
                current = Some((sentence, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = current.as_mut() {
                    let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => c,
                        None => match &*r {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => '?',
                        },
                    };
                    s.push(c);
                }
            }
            Event::End(e) if e.name().as_ref() == "token" => {
                if let Some(t) = current.take() {
                    out.push(t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Joins tokens into text: no space before closing punctuation and clitics, none after
/// opening brackets, sentences on their own lines, and the URL sentence of `ecbplus` files
/// left out.
fn detokenize(tokens: &[(u32, String)]) -> String {
    let mut sentences: Vec<(u32, Vec<&str>)> = Vec::new();
    for (s, t) in tokens {
        match sentences.last_mut() {
            Some((n, ts)) if n == s => ts.push(t),
            _ => sentences.push((*s, vec![t])),
        }
    }
    let mut out = String::new();
    for (n, ts) in sentences {
        if n == 0
            && ts
                .first()
                .is_some_and(|t| t.starts_with("http") || t.starts_with("www"))
        {
            continue;
        }
        let mut line = String::new();
        let mut glue = true;
        for raw in ts {
            let t = match raw {
                "``" | "''" => "\"",
                "-LRB-" => "(",
                "-RRB-" => ")",
                other => other,
            };
            let closing = matches!(t, "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "]")
                || raw == "''"
                || t.starts_with('\'') && t.len() <= 3
                || t == "n't";
            if !line.is_empty() && !glue && !closing {
                line.push(' ');
            }
            line.push_str(t);
            glue = matches!(t, "(" | "[" | "$") || raw == "``";
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizes_punctuation_and_drops_url_sentence() {
        let toks: Vec<(u32, String)> = [
            (0, "http"),
            (0, ":"),
            (1, "Tara"),
            (1, "Reid"),
            (1, ","),
            (1, "33"),
            (1, ","),
            (1, "``"),
            (1, "Pie"),
            (1, "''"),
            (1, "did"),
            (1, "n't"),
            (1, "("),
            (1, "go"),
            (1, ")"),
            (1, "."),
            (2, "Next"),
            (2, "."),
        ]
        .iter()
        .map(|(s, t)| (*s, t.to_string()))
        .collect();
        assert_eq!(
            detokenize(&toks),
            "Tara Reid, 33, \"Pie\" didn't (go).\nNext."
        );
    }

    #[test]
    fn reads_token_xml() {
        let xml = r#"<Document doc_name="1_1ecb.xml"><token t_id="1" sentence="1" number="0">A&amp;B</token><token t_id="2" sentence="1" number="1">x</token><Markables/></Document>"#;
        assert_eq!(
            read_tokens(xml).unwrap(),
            vec![(1, "A&B".to_string()), (1, "x".to_string())]
        );
    }

    #[test]
    fn splits_follow_the_usual_convention() {
        assert_eq!(split_of(36), Split::Test);
        assert_eq!(split_of(2), Split::Dev);
        assert_eq!(split_of(1), Split::Train);
    }
}
