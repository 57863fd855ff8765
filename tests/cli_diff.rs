//! `blackout diff` and `blackout check --base`: every exit code, the JSON,
//! the pull-request comment, and the CI jobs the README documents, run
//! command for command.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.join("tests/fixtures").join(name).to_string_lossy().into_owned()
}

fn blackout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blackout")).args(args).output().expect("the blackout binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn diff_json_lists_node_changes_and_risk_and_exits_1_on_new_risk() {
    let out = blackout(&["diff", &fixture("diff-base.json"), &fixture("diff-head.json"), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({
            "nodes_added": ["search"],
            "nodes_removed": ["auth"],
            // dc-a only moved: not a change.
            "nodes_changed": ["api", "pay"],
            "spofs_added": [
                {"id": "dc-b", "features": ["pay", "search", "talk"], "users": 75000000}
            ],
            "spofs_removed": [
                {"id": "auth", "features": ["pay"], "users": 23000000}
            ],
            "spofs_worse": [
                {"id": "api", "features": ["pay", "talk"], "users": 70000000, "new_features": ["pay"], "base_users": 47000000},
                {"id": "dc-a", "features": ["pay", "talk"], "users": 70000000, "new_features": ["talk"], "base_users": 23000000}
            ]
        })
    );
}

#[test]
fn diff_exits_0_when_the_change_only_removes_risk() {
    // A redesign with no single point of failure removes all three.
    let out = blackout(&["diff", &fixture("diff-head.json"), &fixture("redundant.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("No new risk (3 single points of failure removed)\n"), "{text}");
    assert!(text.contains("  removed: dc-b no longer takes down pay, search, talk"), "{text}");
    let same = blackout(&["diff", &fixture("diff-base.json"), &fixture("diff-base.json"), "--json"]);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn diff_exits_2_naming_the_bad_file() {
    for (base, head, named) in [
        (fixture("bad-syntax.json"), fixture("diff-head.json"), "bad-syntax.json"),
        (fixture("diff-base.json"), fixture("unknown-reference.json"), "unknown-reference.json"),
        (fixture("diff-base.json"), fixture("missing.json"), "missing.json"),
    ] {
        let out = blackout(&["diff", &base, &head]);
        assert_eq!(out.status.code(), Some(2), "{named}");
        assert!(stderr(&out).contains(named), "{}", stderr(&out));
    }
    assert_eq!(blackout(&["diff", "-", "-"]).status.code(), Some(2));
    assert_eq!(blackout(&["diff", &fixture("diff-base.json")]).status.code(), Some(2), "HEAD is required");
    assert_eq!(blackout(&["diff", "a", "b", "--json", "--markdown"]).status.code(), Some(2));
}

#[test]
fn diff_markdown_is_a_pull_request_comment() {
    let (base, head) = (fixture("diff-base.json"), fixture("diff-head.json"));
    let out = blackout(&["diff", &base, &head, "--markdown"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let expected_start = "### ❌ Blackout risk diff: 1 new single point of failure, 2 worse (1 single point of failure removed)\n\n\
        | change | single point of failure | features it takes down | users |\n\
        | --- | --- | --- | --- |\n\
        | **new** | `dc-b` Site B | `pay`, `search`, `talk` | 75 M |\n\
        | **worse** | `api` | now also `pay` | 47 M → 70 M |\n\
        | **worse** | `dc-a` Site A | now also `talk` | 23 M → 70 M |\n\
        | removed | `auth` Auth | `pay` | 23 M |\n\n\
        **Changed nodes**\n\n\
        - 1 added: `search`\n\
        - 1 removed: `auth`\n\
        - 2 changed: `api`, `pay`\n";
    assert!(text.starts_with(expected_start), "{text}");
    assert!(text.contains(&format!("```sh\nblackout diff {base} {head} --markdown\n```")), "{text}");
}

#[test]
fn check_with_a_base_fails_only_on_risk_the_base_did_not_have() {
    let (base, head) = (fixture("diff-base.json"), fixture("diff-head.json"));
    // The base alone has known risk: plain check fails, check against itself passes.
    assert_eq!(blackout(&["check", &base]).status.code(), Some(1));
    let known = blackout(&["check", &base, "--base", &base, "--json"]);
    assert_eq!(known.status.code(), Some(0), "{}", stderr(&known));
    let report: serde_json::Value = serde_json::from_slice(&known.stdout).expect("the usual check JSON");
    assert_eq!(report["spofs"].as_array().map(Vec::len), Some(3));
    assert!(stderr(&known).contains("No new risk"), "{}", stderr(&known));
    // The head adds dc-b and makes api and dc-a worse.
    let new = blackout(&["check", &head, "--base", &base]);
    assert_eq!(new.status.code(), Some(1));
    assert!(stderr(&new).contains("1 new single point of failure, 2 worse"), "{}", stderr(&new));
    // Removing risk passes.
    assert_eq!(blackout(&["check", &fixture("redundant.json"), "--base", &head]).status.code(), Some(0));
    let bad = blackout(&["check", &head, "--base", &fixture("duplicate-id.json")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("duplicate-id.json"), "{}", stderr(&bad));
}

/// The lines of the README's fenced block that follows `marker`.
fn readme_block(marker: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after = &readme[readme.find(marker).unwrap_or_else(|| panic!("README has {marker}"))..];
    let start = after.find("```yaml\n").expect("a yaml block follows") + "```yaml\n".len();
    let end = start + after[start..].find("\n```").expect("the block ends");
    after[start..end].lines().map(str::to_owned).collect()
}

/// A git repository whose `origin/main` has the base file and whose working
/// tree has the head file, as a CI checkout of a pull request does.
fn pull_request_checkout(dir: &Path) -> PathBuf {
    let git = |cwd: &Path, args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=ci", "-c", "user.email=ci@example.com", "-c", "init.defaultBranch=main"])
            .args(args)
            .current_dir(cwd)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    let origin = dir.join("origin.git");
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    git(dir, &["init", "--bare", "-q", origin.to_str().unwrap()]);
    git(&work, &["init", "-q"]);
    std::fs::copy(fixture("diff-base.json"), work.join("architecture.json")).unwrap();
    git(&work, &["add", "architecture.json"]);
    git(&work, &["commit", "-q", "-m", "base"]);
    git(&work, &["remote", "add", "origin", origin.to_str().unwrap()]);
    git(&work, &["push", "-q", "origin", "HEAD:main"]);
    git(&work, &["fetch", "-q", "origin"]);
    std::fs::copy(fixture("diff-head.json"), work.join("architecture.json")).unwrap();
    work
}

/// Runs `script` with bash -e in `cwd`, the blackout binary and stubs for
/// the CI's comment tools (`gh`, `curl`: they save the comment) on PATH.
fn run_ci_script(script: &str, cwd: &Path, env: &[(&str, &str)], bin: &Path) -> Output {
    std::fs::create_dir_all(bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_blackout"), bin.join("blackout")).unwrap();
    for (tool, saves) in [("gh", r#"while [ "$1" != --body-file ]; do shift; done; cp "$2" "$COMMENT""#), ("curl", r#"for a; do case "$a" in body@*) cp "${a#body@}" "$COMMENT";; esac; done"#)] {
        let path = bin.join(tool);
        std::fs::write(&path, format!("#!/bin/bash\necho \"$0 $*\" >> \"$COMMENT.calls\"\n{saves}\n")).unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
        std::fs::set_permissions(&path, permissions).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    Command::new("bash").args(["-e", "-c", script]).current_dir(cwd).env("PATH", path).envs(env.iter().copied()).output().expect("bash runs")
}

#[test]
fn the_readme_github_actions_job_posts_the_comment_and_fails_on_new_risk() {
    let block = readme_block("<!-- ci: github-actions -->");
    // The step's `run: |` script, as GitHub runs it (with bash -e).
    let run = block.iter().position(|line| line.trim() == "run: |").expect("a run: | step");
    let indent = block[run + 1].len() - block[run + 1].trim_start().len();
    let script: Vec<&str> = block[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() >= indent)
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    let env = [("BASE_REF", "main"), ("PR_NUMBER", "7"), ("GH_TOKEN", "test")];
    run_job_and_expect_comment(&script.join("\n"), &env, "pr comment 7");
}

#[test]
fn the_readme_gitlab_ci_job_posts_the_comment_and_fails_on_new_risk() {
    let block = readme_block("<!-- ci: gitlab -->");
    let start = block.iter().position(|line| line.trim() == "script:").expect("a script: list");
    let script: Vec<String> = block[start + 1..]
        .iter()
        .take_while(|line| line.trim_start().starts_with("- "))
        .map(|line| {
            let command = line.trim_start().trim_start_matches("- ");
            // YAML single-quoted scalars: the quotes go, '' is one quote.
            match command.strip_prefix('\'').and_then(|c| c.strip_suffix('\'')) {
                Some(quoted) => quoted.replace("''", "'"),
                None => command.to_owned(),
            }
        })
        .collect();
    let env = [
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("CI_API_V4_URL", "https://gitlab.example.com/api/v4"),
        ("CI_PROJECT_ID", "42"),
        ("CI_MERGE_REQUEST_IID", "7"),
        ("BLACKOUT_BOT_TOKEN", "test"),
    ];
    run_job_and_expect_comment(&script.join("\n"), &env, "/projects/42/merge_requests/7/notes");
}

/// Runs a CI job's script on a pull-request checkout whose head adds risk:
/// the job must fail on the new risk, and post the comment with a call that
/// names the pull request.
fn run_job_and_expect_comment(script: &str, env: &[(&str, &str)], call: &str) {
    let dir = tempfile::tempdir().unwrap();
    let work = pull_request_checkout(dir.path());
    let comment = dir.path().join("comment.md");
    let mut env = env.to_vec();
    env.push(("COMMENT", comment.to_str().unwrap()));
    let out = run_ci_script(script, &work, &env, &dir.path().join("bin"));
    assert_eq!(out.status.code(), Some(1), "the gate fails on new risk: {}", stderr(&out));
    let posted = std::fs::read_to_string(&comment).expect("the comment was posted");
    assert!(posted.starts_with("### ❌ Blackout risk diff: 1 new single point of failure"), "{posted}");
    let calls = std::fs::read_to_string(format!("{}.calls", comment.display())).unwrap();
    assert!(calls.contains(call), "{calls}");
}
