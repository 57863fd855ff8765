//! The built-in examples, compiled into the app so it opens without a fetch.

use crate::format;
use crate::model::ValidDocument;

pub struct Example {
    pub name: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: [Example; 2] = [
    Example { name: "Kakao, October 2022", text: include_str!("../../assets/examples/kakao-2022.json") },
    Example { name: "Two regions, two providers", text: include_str!("../../assets/examples/two-regions.json") },
];

/// The example the app opens on.
pub fn kakao() -> ValidDocument {
    load(&EXAMPLES[0])
}

pub fn load(example: &Example) -> ValidDocument {
    format::parse(example.text).expect("built-in examples are valid (checked by the CLI tests)")
}
