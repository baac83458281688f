//! The embedded frameworks as Rust data: `build.rs` writes each
//! `grammars/frameworks/<id>.toml` (the source people edit) as a [`Lit`] tree of statics,
//! and the framework types read it through serde as they read TOML, without parsing any
//! text at start-up (parsing JSON of the same data was a quarter of a small `hmip check`).
//! `framework::tests` checks that every tree reads as the same frameworks as its TOML.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

/// A TOML value written as a static.
#[derive(Debug)]
pub enum Lit {
    Str(&'static str),
    Int(i64),
    /// What `build.rs` writes for a TOML float; no framework states one yet.
    #[allow(dead_code)]
    Float(f64),
    Bool(bool),
    Arr(&'static [Lit]),
    Table(&'static [(&'static str, Lit)]),
}

/// Reads a [`Lit`] as any type that reads TOML.
#[derive(Clone, Copy)]
pub struct LitDe(pub &'static Lit);

impl<'de> IntoDeserializer<'de, Error> for LitDe {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for LitDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Lit::Str(s) => visitor.visit_borrowed_str(s),
            Lit::Int(i) => visitor.visit_i64(*i),
            Lit::Float(f) => visitor.visit_f64(*f),
            Lit::Bool(b) => visitor.visit_bool(*b),
            Lit::Arr(items) => visitor.visit_seq(SeqDeserializer::new(items.iter().map(LitDe))),
            Lit::Table(entries) => visitor.visit_map(MapDeserializer::new(
                entries.iter().map(|(k, v)| (*k, LitDe(v))),
            )),
        }
    }

    /// A value that is there is `Some` (TOML has no null; an absent key is the field's
    /// default).
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    /// Unit variants are written as their names, as in TOML.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Lit::Str(s) => {
                let s: serde::de::value::BorrowedStrDeserializer<'de, Error> =
                    serde::de::value::BorrowedStrDeserializer::new(s);
                de::Deserializer::deserialize_enum(s, name, variants, visitor)
            }
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct T {
        s: String,
        n: u32,
        f: f64,
        b: bool,
        v: Vec<u8>,
        o: Option<String>,
        #[serde(default)]
        d: Option<u32>,
        e: E,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum E {
        Confirmed,
    }

    static GOOD: Lit = Lit::Table(&[
        ("s", Lit::Str("x\"y")),
        ("n", Lit::Int(7)),
        ("f", Lit::Float(0.5)),
        ("b", Lit::Bool(true)),
        ("v", Lit::Arr(&[Lit::Int(1), Lit::Int(2)])),
        ("o", Lit::Str("o")),
        ("e", Lit::Str("confirmed")),
    ]);
    static UNKNOWN: Lit = Lit::Table(&[("zz", Lit::Int(1))]);
    static NEGATIVE: Lit = Lit::Int(-1);

    #[test]
    fn a_tree_reads_as_its_toml_would() {
        let t = T::deserialize(LitDe(&GOOD)).unwrap();
        assert_eq!(
            t,
            T {
                s: "x\"y".into(),
                n: 7,
                f: 0.5,
                b: true,
                v: vec![1, 2],
                o: Some("o".into()),
                d: None,
                e: E::Confirmed,
            }
        );
        assert!(T::deserialize(LitDe(&UNKNOWN)).is_err());
        assert!(u32::deserialize(LitDe(&NEGATIVE)).is_err());
    }
}
