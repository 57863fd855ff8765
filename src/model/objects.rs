//! A document and its parts are JSON objects, never arrays.
//!
//! serde's derived `Deserialize` also accepts a struct written as an array of
//! its fields in order (`["talk", "KakaoTalk", "feature"]`); a graph file that
//! relied on that would break silently when a field is added, and the app and
//! the command line must refuse exactly the same bytes. These helpers ask the
//! deserializer for a map, so an array is refused with a message, and then let
//! the derived code read the fields as usual (unknown fields still refused).

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// Something a file writes as a JSON object, with how to describe it in errors.
pub trait JsonObject<'de>: Deserialize<'de> {
    /// E.g. `a node object such as {"id": "talk", "kind": "feature"}`.
    const EXPECTING: &'static str;
}

/// Reads a `T` that must be written as a JSON object.
pub fn object<'de, D: Deserializer<'de>, T: JsonObject<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads a list whose every element must be a JSON object (`nodes`, `scenarios`).
pub fn objects<'de, D: Deserializer<'de>, T: JsonObject<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    deserializer.deserialize_seq(ListVisitor(PhantomData))
}

/// A `T` read with [`object`]: for places that need a type, such as the
/// top of a file or the document inside a share link.
#[derive(Clone, Debug, PartialEq)]
pub struct Object<T>(pub T);

impl<'de, T: JsonObject<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object(deserializer).map(Object)
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: JsonObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

struct ObjectSeed<T>(PhantomData<T>);

impl<'de, T: JsonObject<'de>> DeserializeSeed<'de> for ObjectSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        object(deserializer)
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: JsonObject<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}", T::EXPECTING)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The hint comes from untrusted input: cap what it may reserve.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(ObjectSeed(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}
