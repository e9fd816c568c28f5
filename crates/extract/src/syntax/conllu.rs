//! CoNLL-U reading and writing: the training and evaluation format, and what `corroborate
//! parse` writes. Multiword-token lines and empty nodes are kept as lines so that a file can be
//! written back with only the annotation columns changed.

/// One syntactic word of a CoNLL-U sentence (1-based ids; `head == 0` is the root).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// One sentence: comment lines, words, and the lines that are not words (multiword tokens,
/// empty nodes) with the number of words that precede each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub extra: Vec<(usize, String)>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// A problem with one line of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ConlluError {
    pub line: usize,
    pub problem: String,
}

/// Reads every sentence of a CoNLL-U text. Heads out of range are an error; a missing head
/// (`_`, as in unannotated input) reads as 0.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, problem: String| ConlluError { line, problem };
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                check_heads(&cur).map_err(|p| err(i + 1, p))?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(i + 1, format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            cur.extra.push((cur.words.len(), line.to_string()));
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| err(i + 1, format!("bad id {id:?}")))?;
        if n != cur.words.len() + 1 {
            return Err(err(i + 1, format!("id {n} out of sequence")));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h
                .parse()
                .map_err(|_| err(i + 1, format!("bad head {h:?}")))?,
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        check_heads(&cur).map_err(|p| err(text.lines().count(), p))?;
        out.push(cur);
    }
    out.retain(|s| !s.words.is_empty());
    Ok(out)
}

fn check_heads(s: &Sentence) -> Result<(), String> {
    let n = s.words.len();
    match s.words.iter().position(|w| w.head > n) {
        Some(i) => Err(format!(
            "word {} has head {} beyond {n}",
            i + 1,
            s.words[i].head
        )),
        None => Ok(()),
    }
}

/// Writes sentences back as CoNLL-U (comments, then word and extra lines in order).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        for c in &s.comments {
            out.push_str(c);
            out.push('\n');
        }
        let mut extra = s.extra.iter().peekable();
        for (i, w) in s.words.iter().enumerate() {
            while let Some((_, line)) = extra.next_if(|(at, _)| *at == i) {
                out.push_str(line);
                out.push('\n');
            }
            let col = |s: &str| {
                if s.is_empty() {
                    "_".to_string()
                } else {
                    s.to_string()
                }
            };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                i + 1,
                col(&w.form),
                col(&w.lemma),
                col(&w.upos),
                col(&w.xpos),
                col(&w.feats),
                w.head,
                col(&w.deprel),
                col(&w.deps),
                col(&w.misc)
            ));
        }
        for (_, line) in extra {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_multiword_lines() {
        let text = "# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t0\troot\t_\t_\n\n";
        let s = read(text).unwrap();
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].meta("text"), Some("I don't."));
        assert_eq!(write(&s), text);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(read("1\tx\n").is_err());
        assert!(read("1\ta\t_\t_\t_\t_\t5\t_\t_\t_\n").is_err());
    }
}
