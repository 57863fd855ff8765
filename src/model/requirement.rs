//! How many of its dependencies a node needs: all, any, or at least k.

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A node's redundancy rule. In the file: `"all"`, `"any"` or `{"at_least": k}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// Every dependency must be up (no redundancy).
    #[default]
    All,
    /// One dependency up is enough (full redundancy).
    Any,
    /// At least k dependencies must be up (a quorum).
    AtLeast(u32),
}

impl Requirement {
    pub fn is_all(&self) -> bool {
        matches!(self, Requirement::All)
    }

    /// How many of `dependency_count` dependencies must be up. A node without
    /// dependencies needs none, whatever its rule says.
    pub fn needed(self, dependency_count: usize) -> usize {
        if dependency_count == 0 {
            return 0;
        }
        match self {
            Requirement::All => dependency_count,
            Requirement::Any => 1,
            Requirement::AtLeast(k) => k as usize,
        }
    }

    /// A short badge for the map: "any", "2 of 3"; `None` for all.
    pub fn badge(self, dependency_count: usize) -> Option<String> {
        match self {
            Requirement::All => None,
            Requirement::Any => Some("any".to_owned()),
            Requirement::AtLeast(k) => Some(format!("{k} of {dependency_count}")),
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Requirement::All => f.write_str("all"),
            Requirement::Any => f.write_str("any"),
            Requirement::AtLeast(k) => write!(f, "at least {k}"),
        }
    }
}

impl Serialize for Requirement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Requirement::All => serializer.serialize_str("all"),
            Requirement::Any => serializer.serialize_str("any"),
            Requirement::AtLeast(k) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("at_least", k)?;
                map.end()
            }
        }
    }
}

const EXPECTED: &str = r#""all", "any" or {"at_least": k}"#;

struct RequirementVisitor;

impl<'de> Visitor<'de> for RequirementVisitor {
    type Value = Requirement;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<Requirement, E> {
        match word {
            "all" => Ok(Requirement::All),
            "any" => Ok(Requirement::Any),
            other => Err(E::custom(format!(
                "unknown requirement \"{other}\", expected {EXPECTED}"
            ))),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Requirement, A::Error> {
        let mut k: Option<u32> = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "at_least" || k.is_some() {
                return Err(de::Error::custom(format!(
                    "unexpected key \"{key}\" in requires, expected {EXPECTED}"
                )));
            }
            k = Some(map.next_value()?);
        }
        k.map(Requirement::AtLeast)
            .ok_or_else(|| de::Error::custom(format!("empty requires, expected {EXPECTED}")))
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RequirementVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_form() {
        for (json, req) in [
            (r#""all""#, Requirement::All),
            (r#""any""#, Requirement::Any),
            (r#"{"at_least":2}"#, Requirement::AtLeast(2)),
        ] {
            let parsed: Requirement = serde_json::from_str(json).unwrap();
            assert_eq!(parsed, req);
            assert_eq!(serde_json::to_string(&req).unwrap(), json);
        }
    }

    #[test]
    fn rejects_unknown_words_and_keys() {
        let err = serde_json::from_str::<Requirement>(r#""most""#).unwrap_err();
        assert!(err.to_string().contains("unknown requirement \"most\""));
        let err = serde_json::from_str::<Requirement>(r#"{"at_most": 2}"#).unwrap_err();
        assert!(err.to_string().contains("unexpected key \"at_most\""));
        assert!(serde_json::from_str::<Requirement>("3").is_err());
    }

    #[test]
    fn needed_counts() {
        assert_eq!(Requirement::All.needed(3), 3);
        assert_eq!(Requirement::Any.needed(3), 1);
        assert_eq!(Requirement::AtLeast(2).needed(3), 2);
        assert_eq!(Requirement::Any.needed(0), 0);
        assert_eq!(Requirement::AtLeast(2).badge(3).as_deref(), Some("2 of 3"));
    }
}
