use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::manifest::slash_path;
use super::*;

fn files(version: &str) -> Vec<(PathBuf, Vec<u8>)> {
    vec![
        (PathBuf::from("index.html"), format!("<p>{version}").into()),
        (
            PathBuf::from("a/guide.json"),
            format!("{{\"v\": \"{version}\"}}").into(),
        ),
        (
            PathBuf::from(format!("only-{version}/x.svg")),
            b"<svg/>".to_vec(),
        ),
    ]
}

/// Every file under `dir` with its bytes, links as their targets.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read_dir").flatten() {
            let path = entry.path();
            let key = slash_path(path.strip_prefix(dir).expect("prefix"));
            let kind = entry.file_type().expect("type");
            if kind.is_symlink() {
                out.insert(
                    key,
                    fs::read_link(&path)
                        .expect("link")
                        .into_os_string()
                        .into_encoded_bytes(),
                );
            } else if kind.is_dir() {
                out.insert(format!("{key}/"), Vec::new());
                stack.push(path);
            } else {
                out.insert(key, fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn nobody() -> Protected {
    Protected::default()
}

#[test]
fn a_fresh_folder_gets_the_site_and_its_manifest() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("site");
    publish(&out, &files("1"), &nobody(), None).expect("publish");
    let written = tree(&out);
    assert_eq!(written["index.html"], b"<p>1");
    let manifest = Manifest::read(&out).expect("manifest");
    assert_eq!(manifest.files.len(), 3);
    // Nothing is left beside it.
    assert_eq!(fs::read_dir(root.path()).expect("dir").count(), 1);
}

#[test]
fn an_earlier_site_is_replaced_whole_and_an_empty_folder_is_used() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("site");
    fs::create_dir(&out).expect("empty");
    publish(&out, &files("1"), &nobody(), None).expect("into empty");
    publish(&out, &files("2"), &nobody(), None).expect("over ours");
    let written = tree(&out);
    assert_eq!(written["index.html"], b"<p>2");
    assert!(!written.contains_key("only-1/x.svg"));
    assert!(written.contains_key("only-2/x.svg"));
    assert_eq!(fs::read_dir(root.path()).expect("dir").count(), 1);
}

#[test]
fn a_folder_holding_anything_else_is_refused_and_left_byte_identical() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("docs");
    fs::create_dir_all(out.join("deep")).expect("mkdir");
    fs::write(out.join("notes.md"), b"mine").expect("write");
    fs::write(out.join("deep/data.csv"), b"1,2").expect("write");
    let before = tree(root.path());
    let error = publish(&out, &files("1"), &nobody(), None).expect_err("refused");
    assert!(matches!(error, PublishError::Refused { .. }), "{error}");
    assert!(error.to_string().contains("`notes.md`"), "{error}");
    assert_eq!(tree(root.path()), before);

    // One file added to a site of ours is enough to refuse, and so is one changed file.
    let site = root.path().join("site");
    publish(&site, &files("1"), &nobody(), None).expect("publish");
    fs::write(site.join("CNAME"), b"docs.example.com").expect("add");
    let before = tree(root.path());
    assert!(publish(&site, &files("2"), &nobody(), None).is_err());
    assert_eq!(tree(root.path()), before);
    fs::remove_file(site.join("CNAME")).expect("rm");
    fs::write(site.join("index.html"), b"<p>edited by hand").expect("edit");
    let before = tree(root.path());
    let error = publish(&site, &files("2"), &nobody(), None).expect_err("refused");
    assert!(error.to_string().contains("changed since"), "{error}");
    assert_eq!(tree(root.path()), before);
}

#[test]
fn leftovers_of_a_killed_build_are_removed_only_when_they_are_ours() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("site");
    // A killed build's staging folder: manifest first, one file half written.
    let ours = root.path().join(".site.new-abc123");
    fs::create_dir_all(ours.join("a")).expect("mkdir");
    fs::write(
        ours.join(MANIFEST_NAME),
        Manifest::of(&files("1")).to_bytes(),
    )
    .expect("m");
    fs::write(ours.join("a/guide.json"), b"{\"v\": ").expect("half");
    let empty = root.path().join(".site.old-def456");
    fs::create_dir(&empty).expect("mkdir");
    // Named like ours but not ours: left alone.
    let lookalike = root.path().join(".site.new-user-backup");
    fs::create_dir(&lookalike).expect("mkdir");
    fs::write(lookalike.join("thesis.tex"), b"precious").expect("write");

    publish(&out, &files("2"), &nobody(), None).expect("publish");
    assert!(!ours.exists());
    assert!(!empty.exists());
    assert_eq!(
        fs::read(lookalike.join("thesis.tex")).expect("kept"),
        b"precious"
    );
}

#[test]
fn a_build_killed_before_its_manifest_is_known_by_its_journal() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("site");
    let killed = root.path().join(".site.new-k1ll3d");
    fs::create_dir_all(killed.join("a")).expect("mkdir");
    fs::write(
        killed.join(manifest::JOURNAL_NAME),
        "index.html\na/guide.json\n",
    )
    .expect("j");
    fs::write(killed.join("index.html"), b"<p>1").expect("file");
    fs::write(killed.join("a/guide.json"), b"{\"v").expect("half");
    publish(&out, &files("2"), &nobody(), None).expect("publish");
    assert!(!killed.exists());
    assert!(!tree(&out).contains_key(manifest::JOURNAL_NAME));
}

#[test]
fn a_staging_dropped_unpublished_leaves_no_trace_not_even_its_folders() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("new/deeper/site");
    let before = tree(root.path());
    let mut staging = Staging::begin(&out, &nobody()).expect("begin");
    staging
        .write(Path::new("a/guide.json"), b"{}")
        .expect("write");
    assert!(
        staging.write(Path::new("a/guide.json"), b"{}").is_err(),
        "written twice"
    );
    assert!(staging.write(Path::new("../escape"), b"x").is_err());
    drop(staging);
    assert_eq!(tree(root.path()), before);

    // Published, the site holds exactly what was written, and its manifest.
    let mut staging = Staging::begin(&out, &nobody()).expect("begin");
    staging
        .write(Path::new("index.html"), b"<p>")
        .expect("write");
    staging.commit(&|| false).expect("commit");
    assert_eq!(
        tree(&out).keys().cloned().collect::<Vec<_>>(),
        [MANIFEST_NAME, "index.html"]
    );
}

#[test]
fn an_interrupted_build_publishes_nothing_and_leaves_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = root.path().join("site");
    publish(&out, &files("1"), &nobody(), None).expect("publish");
    let before = tree(root.path());
    let stop = AtomicBool::new(true);
    let error = publish(&out, &files("2"), &nobody(), Some(&stop)).expect_err("interrupted");
    assert!(matches!(error, PublishError::Interrupted));
    assert_eq!(tree(root.path()), before);
}

#[test]
fn the_output_exists_at_every_moment_of_a_rebuild() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = Arc::new(root.path().join("site"));
    publish(&out, &files("1"), &nobody(), None).expect("publish");
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (out, done) = (Arc::clone(&out), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut missing = 0;
            while !done.load(Ordering::SeqCst) {
                if !out.join("index.html").is_file() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for round in 0..40 {
        publish(&out, &files(&round.to_string()), &nobody(), None).expect("rebuild");
    }
    done.store(true, Ordering::SeqCst);
    assert_eq!(
        watcher.join().expect("watcher"),
        0,
        "the site vanished mid-swap"
    );
}

#[test]
fn concurrent_builds_into_one_folder_never_interleave() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = Arc::new(root.path().join("site"));
    let workers: Vec<_> = (0..8)
        .map(|n| {
            let out = Arc::clone(&out);
            std::thread::spawn(move || {
                for round in 0..5 {
                    publish(
                        &out,
                        &files(&format!("{n}-{round}")),
                        &Protected::default(),
                        None,
                    )
                    .expect("every concurrent build succeeds");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    // One whole site, exactly as its manifest says, and nothing left beside it.
    assert!(matches!(
        judge(&out, Strictness::Content).expect("judge"),
        Contents::Ours(_)
    ));
    assert_eq!(tree(&out).len(), 6, "{:?}", tree(&out).keys());
    assert_eq!(fs::read_dir(root.path()).expect("dir").count(), 1);
}

#[test]
fn a_site_is_replaced_file_by_file_where_the_folder_cannot_be_renamed() {
    let root = tempfile::tempdir().expect("tempdir");
    let site = root.path().join("volume");
    publish(&site, &files("1"), &nobody(), None).expect("publish");
    let old = Manifest::read(&site);
    in_place::replace(&site, old.as_ref(), &files("2"), &|| false).expect("in place");
    let written = tree(&site);
    assert_eq!(written["index.html"], b"<p>2");
    assert!(!written.contains_key("only-1/"), "{:?}", written.keys());
    assert!(!written.keys().any(|k| k.contains("cordial-staging")));
    assert!(matches!(
        judge(&site, Strictness::Content).expect("judge"),
        Contents::Ours(_)
    ));

    // Killed half way: the next build still knows the folder as its own.
    let old = Manifest::read(&site);
    let calls = std::cell::Cell::new(0);
    let stop_after_one = || {
        calls.set(calls.get() + 1);
        calls.get() > 1
    };
    assert!(in_place::replace(&site, old.as_ref(), &files("3"), &stop_after_one).is_err());
    assert!(matches!(
        judge(&site, Strictness::Content).expect("judge"),
        Contents::Ours(_)
    ));
    let old = Manifest::read(&site);
    in_place::replace(&site, old.as_ref(), &files("4"), &|| false).expect("recovers");
    let written = tree(&site);
    assert_eq!(written["index.html"], b"<p>4");
    assert!(
        !written.keys().any(|k| k.contains("cordial-staging")),
        "{:?}",
        written.keys()
    );
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_published_through_the_link() {
    let root = tempfile::tempdir().expect("tempdir");
    let real = root.path().join("real");
    fs::create_dir(&real).expect("mkdir");
    let link = root.path().join("site");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    publish(&link, &files("1"), &nobody(), None).expect("first");
    publish(&link, &files("2"), &nobody(), None).expect("second");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(real.join("index.html")).expect("page"), b"<p>2");
}
