//! Share links: the whole graph, the failure set and the view in a URL fragment.
//!
//! The fragment (the part after `#`) never reaches a server, so a link shares a
//! private architecture without uploading it. Its payload is
//!
//! ```text
//! b1.<base64url, no padding, of raw DEFLATE (level 9) of compact JSON>
//! {"d": <the document, as in a graph file>, "f": ["failed", "ids"], "v": [x, y, scale]}
//! ```
//!
//! where `b1` is the link format's version and `v` is left out without a view.
//!
//! A link is untrusted input: anyone can craft one and send it. [`decode`]
//! therefore refuses a fragment longer than [`MAX_LINK_CHARS`] before decoding,
//! inflates into a buffer capped at [`MAX_FILE_BYTES`] (a "zip bomb" stops at the
//! cap, with [`ShareError::TooLarge`]), validates the document exactly as a file
//! (the same schema, unknown fields rejected, then the model's checks in
//! [`Graph::build`], with errors worded as for a file), checks that every failed
//! node exists, and never panics. Memory stays that of opening a file of the
//! same size: the document is deserialised straight into its type.
//!
//! How much fits (measured by the tests below, level 9):
//!
//! * the Kakao example (`assets/examples/kakao-2022.json`: 59 nodes, 103
//!   dependencies, notes on most nodes, 16 KB as a file) with its scenario's
//!   failures is a link of 4,775 characters; `two-regions.json` is 2,133;
//! * generated graphs (`generate::layered_graph(n, 5, 1)`, short ids, no notes)
//!   cost about 17 characters a node: 1,870 nodes fit in 32 KB (32,768
//!   characters, which browsers, chat apps and issue trackers keep intact) and
//!   about 114,000 in [`MAX_LINK_CHARS`] (2 MB, Chrome's URL limit; Firefox
//!   and Safari open fragments that long too, but many other tools cut links
//!   far shorter, so graphs that large are best shared as files).

use crate::layout::View;
use crate::format::{locate, FormatError, MAX_FILE_BYTES};
use crate::model::objects::Object;
use crate::model::{Document, NodeId, ValidDocument};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use miniz_oxide::inflate::TINFLStatus;
use serde::{Deserialize, Serialize};
use serde_path_to_error::Segment;
use std::collections::HashSet;
use thiserror::Error;

/// The longest fragment [`decode`] reads, in characters (Chrome's URL limit).
pub const MAX_LINK_CHARS: usize = 2_000_000;

/// The link format this version writes and reads.
const PREFIX: &str = "b1.";

/// DEFLATE level: links are written rarely and read often, so squeeze hard.
const LEVEL: u8 = 9;

/// URL-safe base64 without padding; decoding also accepts padding, which some
/// tools add when they "fix" a link.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What a share link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub document: ValidDocument,
    pub failed: Vec<NodeId>,
    pub view: Option<View>,
}

/// Why a share link could not be opened. The messages are for the person who
/// clicked the link.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ShareError {
    #[error("this is not a Blackout share link (its graph part should start with \"{PREFIX}\")")]
    NotBlackout,
    #[error("this link was made by a newer version of Blackout (link format \"{0}\"); reload the page to update, or ask for the graph file")]
    UnsupportedVersion(String),
    #[error("the link is damaged ({0}); it may have been cut short or changed when it was copied, so try copying it again")]
    Damaged(String),
    #[error("the link is {length} characters long; Blackout opens links of up to {limit} characters, so share the graph as a file instead")]
    TooLong { length: usize, limit: usize },
    #[error(
        "the link unpacks to more than {limit} bytes, more than the largest graph Blackout opens"
    )]
    TooLarge { limit: usize },
    #[error("the link's data is corrupt ({0}); it may have been cut short when it was copied, so try copying it again")]
    Corrupt(String),
    #[error("the link's graph is invalid: {0}")]
    InvalidGraph(#[from] FormatError),
    #[error("the link fails node \"{0}\", which is not in its graph")]
    UnknownFailure(NodeId),
}

/// The JSON inside a link, as written.
#[derive(Serialize)]
struct EnvelopeOut<'a> {
    d: &'a Document,
    #[serde(skip_serializing_if = "<[NodeId]>::is_empty")]
    f: &'a [NodeId],
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<[f64; 3]>,
}

/// The JSON inside a link, as read. The document is deserialised straight into
/// its type, like a file, never into a `serde_json::Value` first: a crafted link
/// of nested empty arrays would otherwise cost tens of bytes of memory for
/// every byte of JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    d: Object<Document>,
    #[serde(default)]
    f: Vec<NodeId>,
    /// Cosmetic: kept as raw JSON text, so that a view that is slightly off
    /// (a missing number, a string, a number out of range) is dropped instead
    /// of refusing the whole link.
    #[serde(default)]
    v: Option<Box<serde_json::value::RawValue>>,
}

/// The fragment payload (without `#`) for `shared`.
///
/// A view with a non-finite number is left out rather than written as `null`.
pub fn encode(shared: &Shared) -> String {
    let envelope = EnvelopeOut {
        d: shared.document.document(),
        f: &shared.failed,
        v: shared
            .view
            .and_then(|v| View::checked(v.x, v.y, v.scale))
            .map(|v| [v.x, v.y, v.scale]),
    };
    // Cannot fail: every key is a string and serde_json writes non-finite
    // numbers as null. Should it ever, the empty payload decodes as Corrupt.
    let json = serde_json::to_vec(&envelope).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, LEVEL);
    let mut link = String::with_capacity(PREFIX.len() + compressed.len().div_ceil(3) * 4);
    link.push_str(PREFIX);
    BASE64.encode_string(&compressed, &mut link);
    link
}

/// Reads a fragment made by [`encode`]: untrusted, so every step is checked.
///
/// A leading `#` and surrounding white space (from copying) are ignored.
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = match fragment.strip_prefix(PREFIX) {
        Some(payload) => payload,
        None => return Err(version_error(fragment)),
    };
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong {
            length: fragment.chars().count(),
            limit: MAX_LINK_CHARS,
        });
    }
    let compressed = BASE64
        .decode(payload)
        .map_err(|error| ShareError::Damaged(error.to_string()))?;
    // Grows the buffer step by step up to the cap, never to a size the input claims.
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_FILE_BYTES)
        .map_err(|error| match error.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                limit: MAX_FILE_BYTES,
            },
            _ => ShareError::Corrupt(error.to_string()),
        })?;
    let mut deserializer = serde_json::Deserializer::from_slice(&json);
    let envelope: EnvelopeIn = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| describe(&json, error))?;
    deserializer
        .end()
        .map_err(|error| ShareError::Corrupt(format!("unreadable contents: {error}")))?;
    // The same schema as a graph file (above) and the same model checks, so a
    // link can hold nothing a file could not.
    let document = ValidDocument::new(envelope.d.0).map_err(FormatError::from)?;
    let ids: HashSet<&NodeId> = document.nodes.iter().map(|n| &n.id).collect();
    if let Some(unknown) = envelope.f.iter().find(|id| !ids.contains(id)) {
        return Err(ShareError::UnknownFailure(unknown.clone()));
    }
    // The view is cosmetic: an unusable one is dropped, not an error.
    let view = envelope.v.as_deref().and_then(view_of);
    Ok(Shared {
        document,
        failed: envelope.f,
        view,
    })
}

/// A JSON error inside the document is the graph's fault, reported like a
/// file's (`nodes[3] (id "pay").users: …`, by the format's own locator); an
/// error anywhere else means the link's data was damaged, since [`encode`]
/// only writes well-formed JSON.
fn describe(json: &[u8], error: serde_path_to_error::Error<serde_json::Error>) -> ShareError {
    let inner = error.inner();
    let mut segments = error.path().iter();
    let in_document = matches!(segments.next(), Some(Segment::Map { key }) if key == "d");
    if !in_document || inner.is_syntax() || inner.is_eof() {
        return ShareError::Corrupt(format!("unreadable contents: {inner}"));
    }
    let node_id = |position| {
        #[derive(Deserialize)]
        struct Envelope<'a> {
            #[serde(borrow)]
            d: &'a serde_json::value::RawValue,
        }
        let envelope: Envelope = serde_json::from_slice(json).ok()?;
        locate::node_id_in(envelope.d.get().as_bytes(), position)
    };
    locate::schema_error(segments, inner, node_id).into()
}

/// The view in a link, if it is three usable numbers; clamped to the zoom range.
fn view_of(raw: &serde_json::value::RawValue) -> Option<View> {
    let [x, y, scale] = serde_json::from_str::<[f64; 3]>(raw.get()).ok()?;
    View::checked(x, y, scale)
}

/// `b7.…` is a link from another Blackout version; anything else is not ours.
fn version_error(fragment: &str) -> ShareError {
    let Some((version, _)) = fragment.split_once('.') else {
        return ShareError::NotBlackout;
    };
    let is_version = version.len() <= 6
        && version
            .strip_prefix('b')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if is_version {
        ShareError::UnsupportedVersion(version.to_owned())
    } else {
        ShareError::NotBlackout
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;
    use crate::generate::layered_graph;
    use crate::model::{Kind, Node};

    const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

    fn kakao() -> Shared {
        let document = format::parse(KAKAO).unwrap();
        let failed = document.scenarios[0].fail.clone();
        Shared {
            document,
            failed,
            view: Some(View {
                x: -120.5,
                y: 33.25,
                scale: 0.75,
            }),
        }
    }

    /// Deterministic pseudo-random numbers below `n`, from the generator's PRNG.
    struct Rng(crate::generate::SplitMix64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0.next()
        }

        fn below(&mut self, n: usize) -> usize {
            self.0.below(n as u64) as usize
        }
    }

    fn link_for(document: Document) -> String {
        encode(&Shared {
            document: ValidDocument::new(document).unwrap(),
            failed: Vec::new(),
            view: None,
        })
    }

    /// A link whose payload is `bytes` compressed, without any validation.
    fn raw_link(bytes: &[u8], level: u8) -> String {
        format!(
            "{PREFIX}{}",
            BASE64.encode(miniz_oxide::deflate::compress_to_vec(bytes, level))
        )
    }

    #[test]
    fn kakao_round_trips_with_failures_and_view() {
        let shared = kakao();
        let link = encode(&shared);
        assert!(link.starts_with("b1."));
        assert!(
            link[3..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "URL-safe"
        );
        assert_eq!(decode(&link), Ok(shared.clone()));
        assert_eq!(
            decode(&format!("#{link}\n")),
            Ok(shared.clone()),
            "a copied '#' and new line are ignored"
        );
        assert_eq!(encode(&shared), link, "deterministic");
        let without = Shared {
            failed: Vec::new(),
            view: None,
            ..shared
        };
        assert_eq!(decode(&encode(&without)), Ok(without));
    }

    #[test]
    fn measured_sizes() {
        // Numbers quoted in the module documentation.
        let kakao = encode(&kakao()).len();
        assert!(
            (3_500..=6_500).contains(&kakao),
            "Kakao: {kakao} characters"
        );
        let per_node = link_for(layered_graph(1_000, 5, 1)).len() as f64 / 1_000.0;
        assert!(
            (12.0..=25.0).contains(&per_node),
            "{per_node} characters a node"
        );
        // 1,870 nodes is the measured largest.
        assert!(link_for(layered_graph(1_700, 5, 1)).len() <= 32 * 1024);
        assert!(link_for(layered_graph(2_100, 5, 1)).len() > 32 * 1024);
    }

    #[test]
    fn view_is_checked_and_clamped() {
        let mut shared = kakao();
        shared.view = Some(View {
            x: 1.0,
            y: 2.0,
            scale: 100.0,
        });
        assert_eq!(
            decode(&encode(&shared)).unwrap().view,
            Some(View {
                x: 1.0,
                y: 2.0,
                scale: View::MAX_SCALE
            })
        );
        shared.view = Some(View {
            x: f64::NAN,
            y: 0.0,
            scale: 1.0,
        });
        assert_eq!(
            decode(&encode(&shared)).unwrap().view,
            None,
            "a non-finite view is left out"
        );
        let tiny = raw_link(br#"{"d": {"version": 1}, "v": [0, 0, 0]}"#, 9);
        assert_eq!(
            decode(&tiny).unwrap().view,
            Some(View {
                x: 0.0,
                y: 0.0,
                scale: View::MIN_SCALE
            })
        );
        // The view is cosmetic: one that is slightly off is dropped, the link opens.
        for off in [r#"[1e400, 0, 1]"#, r#"[1, 2]"#, r#""wide""#, r#"[1, 2, "3"]"#, "null"] {
            let link = raw_link(format!(r#"{{"d": {{"version": 1}}, "v": {off}}}"#).as_bytes(), 9);
            assert_eq!(decode(&link).map(|shared| shared.view), Ok(None), "view {off}");
        }
    }

    #[test]
    fn wrong_prefixes_are_named() {
        assert_eq!(decode(""), Err(ShareError::NotBlackout));
        assert_eq!(decode("#section-2"), Err(ShareError::NotBlackout));
        assert_eq!(decode("hello.world"), Err(ShareError::NotBlackout));
        assert_eq!(
            decode("b2.AAAA"),
            Err(ShareError::UnsupportedVersion("b2".to_owned()))
        );
        let message = decode("b2.AAAA").unwrap_err().to_string();
        assert!(message.contains("newer version of Blackout"), "{message}");
        assert!(decode("b1.").is_err());
    }

    #[test]
    fn truncated_links_are_damaged_or_corrupt_never_a_panic() {
        let link = link_for(
            format::parse(r#"{"version": 1, "title": "t", "nodes": [{"id": "a", "kind": "feature", "depends_on": ["b"]}, {"id": "b", "kind": "provider"}]}"#)
                .unwrap()
                .into_document(),
        );
        assert!(decode(&link).is_ok());
        for end in 0..link.len() {
            match decode(&link[..end]) {
                Err(ShareError::NotBlackout | ShareError::Damaged(_) | ShareError::Corrupt(_)) => {}
                other => panic!("prefix of {end} characters: {other:?}"),
            }
        }
        let message = decode(&link[..link.len() - 5]).unwrap_err().to_string();
        assert!(message.contains("copied"), "{message}");
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = Rng(crate::generate::SplitMix64(42));
        const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let valid = encode(&kakao());
        for round in 0..3_000 {
            let length = rng.below(300);
            let text: String = match round % 3 {
                // Base64 alphabet after the right prefix: reaches the inflater.
                0 => std::iter::once(PREFIX.to_owned())
                    .chain(
                        (0..length)
                            .map(|_| (URL_SAFE[rng.below(URL_SAFE.len())] as char).to_string()),
                    )
                    .collect(),
                // Any characters at all.
                1 => (0..length)
                    .filter_map(|_| char::from_u32(rng.next() as u32 % 0x11_0000))
                    .collect(),
                // A real link with a few characters changed.
                _ => {
                    let mut bytes = valid.clone().into_bytes();
                    for _ in 0..1 + rng.below(4) {
                        let at = PREFIX.len() + rng.below(bytes.len() - PREFIX.len());
                        bytes[at] = URL_SAFE[rng.below(URL_SAFE.len())];
                    }
                    String::from_utf8(bytes).unwrap()
                }
            };
            let _ = decode(&text);
        }
        // Well-formed DEFLATE around contents that are not a link's JSON.
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..rng.below(500)).map(|_| rng.next() as u8).collect();
            assert!(matches!(
                decode(&raw_link(&bytes, 6)),
                Err(ShareError::Corrupt(_))
            ));
        }
        assert!(matches!(
            decode(&raw_link(b"[1, 2]", 9)),
            Err(ShareError::Corrupt(_))
        ));
        assert!(matches!(
            decode(&raw_link(br#"{"d": {"version": 1}, "x": 1}"#, 9)),
            Err(ShareError::Corrupt(_))
        ));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        // 32 MB of spaces: a 43 KB link.
        let bomb = raw_link(&vec![b' '; MAX_FILE_BYTES + 1024], 9);
        assert!(bomb.len() < 50_000, "{}", bomb.len());
        assert_eq!(
            decode(&bomb),
            Err(ShareError::TooLarge {
                limit: MAX_FILE_BYTES
            })
        );
    }

    #[test]
    fn overlong_links_are_refused_before_decoding() {
        let long = format!("{PREFIX}{}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(
            decode(&long),
            Err(ShareError::TooLong {
                length: MAX_LINK_CHARS + PREFIX.len(),
                limit: MAX_LINK_CHARS
            })
        );
    }

    #[test]
    fn the_graph_is_validated_like_a_file() {
        let dangling = raw_link(br#"{"d": {"version": 1, "nodes": [{"id": "a", "kind": "service", "depends_on": ["ghost"]}]}}"#, 9);
        let error = decode(&dangling).unwrap_err();
        assert!(
            matches!(error, ShareError::InvalidGraph(FormatError::Model(_))),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the link's graph is invalid: node \"a\" depends on unknown node \"ghost\""
        );
        let typo = raw_link(
            br#"{"d": {"version": 1, "nodes": [{"id": "a", "kind": "service", "depend_on": []}]}}"#,
            9,
        );
        assert!(decode(&typo)
            .unwrap_err()
            .to_string()
            .contains("unknown field `depend_on`"));
        let wrong_type = raw_link(
            br#"{"d": {"version": 1, "nodes": [{"id": "a", "kind": "feature"}, {"id": "pay", "kind": "feature", "users": "many"}]}}"#,
            9,
        );
        let message = decode(&wrong_type).unwrap_err().to_string();
        assert!(
            message.starts_with("the link's graph is invalid: nodes[1] (id \"pay\").users: invalid type: string \"many\""),
            "{message}"
        );
        let missing = raw_link(br#"{"d": {"nodes": []}}"#, 9);
        let message = decode(&missing).unwrap_err().to_string();
        assert!(
            message.starts_with("the link's graph is invalid: document: missing field `version`"),
            "{message}"
        );
        // Outside the document, a schema error means damaged data.
        let envelope = raw_link(br#"{"d": {"version": 1}, "f": "a"}"#, 9);
        assert!(matches!(decode(&envelope), Err(ShareError::Corrupt(_))));
        let trailing = raw_link(br#"{"d": {"version": 1}} {}"#, 9);
        assert!(matches!(decode(&trailing), Err(ShareError::Corrupt(_))));
        let not_object = raw_link(br#"{"d": [1]}"#, 9);
        assert!(matches!(
            decode(&not_object),
            Err(ShareError::InvalidGraph(FormatError::Schema { .. }))
        ));
        let newer = raw_link(br#"{"d": {"version": 2}}"#, 9);
        assert!(decode(&newer)
            .unwrap_err()
            .to_string()
            .contains("unsupported version 2"));
    }

    #[test]
    fn a_document_of_empty_arrays_is_refused_at_the_first_one() {
        // 30 MB of "[]," would be hundreds of MB as JSON values; typed, it stops at once.
        let mut json = b"{\"d\": [".to_vec();
        json.extend(b"[],".repeat(10_000_000));
        json.extend(b"[]]}");
        let error = decode(&raw_link(&json, 9)).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("document: invalid type: sequence, expected a JSON object"),
            "{error}"
        );
    }

    #[test]
    fn failures_must_name_nodes_of_the_graph() {
        let mut shared = kakao();
        shared.failed.push(NodeId::from("atlantis"));
        assert_eq!(
            decode(&encode(&shared)),
            Err(ShareError::UnknownFailure("atlantis".into()))
        );
    }

    #[test]
    fn hostile_labels_round_trip_as_data() {
        let mut document = Document {
            title: "%%{init: {}}%%\n<script>alert(1)</script>".to_owned(),
            notes: Some("\u{0}\u{202E}\"'`".to_owned()),
            ..Document::default()
        };
        for (i, label) in [
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "]) --> x",
            "line\nbreak\r\n#35; ;",
            "카카오톡 \u{1F600}",
        ]
        .iter()
        .enumerate()
        {
            let mut node = Node::new(format!("\"n{i}\" <>"), Kind::ALL[i]);
            node.label = Some((*label).to_owned());
            document.nodes.push(node);
        }
        let shared = Shared {
            failed: vec![document.nodes[3].id.clone()],
            document: ValidDocument::new(document).unwrap(),
            view: None,
        };
        assert_eq!(decode(&encode(&shared)), Ok(shared));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_decodes_or_errs(text in ".{0,400}") {
                let _ = decode(&text);
            }

            #[test]
            fn any_payload_after_the_prefix_decodes_or_errs(payload in "[A-Za-z0-9_=-]{0,600}") {
                let _ = decode(&format!("{PREFIX}{payload}"));
            }

            #[test]
            // Quarter steps: serde_json's default float parsing is exact for
            // short decimals, but may differ in the last bit for arbitrary ones.
            fn generated_graphs_round_trip(n in 0usize..120, seed in any::<u64>(), x in -4_000_000i32..4_000_000, scale in 1u8..=16) {
                let (x, scale) = (f64::from(x) / 4.0, f64::from(scale) / 4.0);
                let shared = Shared {
                    document: ValidDocument::new(layered_graph(n, 3, seed)).unwrap(),
                    failed: (0..n).step_by(7).map(|i| NodeId(format!("n{i}"))).collect(),
                    view: Some(View { x, y: -x, scale }),
                };
                prop_assert_eq!(decode(&encode(&shared)), Ok(shared));
            }
        }
    }
}
