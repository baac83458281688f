//! A finding: what a rule says about a report, pointing at the evidence.

use crate::model::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place that supports a finding ("the lowest key question is here").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable kebab-case rule id.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The primary evidence. `line` 0 means the report as a whole.
    pub span: Span,
    /// The standard it concerns ("2.2"), if any.
    pub standard: Option<String>,
    pub key_question: Option<String>,
    /// True when professional discretion could explain the departure.
    pub discretion: bool,
    /// True when the check rests on a number the framework's sources do not confirm (a
    /// derived or uncertain band, score or name): then at most a warning, its help
    /// starting "provisional: ".
    pub provisional: bool,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Extra context added after checking (a tracked change, a page number).
    pub notes: Vec<String>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            message: message.into(),
            span,
            standard: None,
            key_question: None,
            discretion: false,
            provisional: false,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn standard(mut self, id: &str) -> Self {
        self.standard = Some(id.to_string());
        self
    }

    pub fn key_question(mut self, id: &str) -> Self {
        self.key_question = Some(id.to_string());
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks the finding as resting on unconfirmed numbers: each `(confidence, subject)`
    /// that is not confirmed ("these bands are" derived) makes it a warning at most, its
    /// help led by "provisional: these bands are derived, not published".
    pub fn provisional_on(mut self, parts: &[(crate::framework::Confidence, &str)]) -> Self {
        let why: Vec<String> = parts
            .iter()
            .filter(|(c, _)| !c.is_confirmed())
            .map(|(c, subject)| format!("{subject} {}, not published", c.as_str()))
            .collect();
        if why.is_empty() {
            return self;
        }
        self.provisional = true;
        self.severity = self.severity.min(Severity::Warning);
        let why = why.join("; ");
        self.help = Some(match self.help.take() {
            Some(h) => format!("provisional: {why}; {h}"),
            None => format!("provisional: {why}"),
        });
        self
    }
}
