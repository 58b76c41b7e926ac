//! `cordial build` never destroys data: every refused `--out` stays byte-identical, interrupted
//! and concurrent builds leave one whole site and nothing beside it. These run the binary.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cordial"))
}

fn cordial(cwd: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(binary());
    cmd.current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .stdin(Stdio::null());
    cmd
}

/// A throwaway repository: `.git`, the bundled playbooks, a README; returns its root.
fn repository(root: &Path) -> PathBuf {
    let repo = root.join("repo");
    fs::create_dir_all(repo.join(".git/refs")).expect("mkdir");
    fs::write(repo.join(".git/HEAD"), b"ref: refs/heads/main\n").expect("HEAD");
    fs::write(repo.join("README.md"), b"# not a site\n").expect("readme");
    copy_playbooks(&repo.join("playbooks"));
    repo
}

fn copy_playbooks(to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    for entry in fs::read_dir(bundled).expect("playbooks").flatten() {
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// Every file and folder under `dir`, with its bytes: what "byte-identical" compares.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read_dir").flatten() {
            let path = entry.path();
            let key = path
                .strip_prefix(dir)
                .expect("prefix")
                .display()
                .to_string();
            if entry.file_type().expect("type").is_dir() {
                out.insert(format!("{key}/"), Vec::new());
                stack.push(path);
            } else {
                out.insert(key, fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn refused(cmd: &mut Command, watched: &Path) -> String {
    let before = tree(watched);
    let output = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to publish"), "{stderr}");
    assert!(stderr.contains("help:"), "{stderr}");
    assert_eq!(
        tree(watched),
        before,
        "a refused build changed {}",
        watched.display()
    );
    stderr
}

#[test]
fn the_repository_root_as_current_folder_is_refused_untouched() {
    let root = tempfile::tempdir().expect("tempdir");
    let repo = repository(root.path());
    let home = root.path().join("home");
    let stderr = refused(
        cordial(&repo, &home).args(["build", "playbooks", "--out", "."]),
        root.path(),
    );
    assert!(stderr.contains("current folder"), "{stderr}");
    let absolute = repo.display().to_string();
    refused(
        cordial(&repo, &home).args(["build", "playbooks", "--out", &absolute]),
        root.path(),
    );
}

#[test]
fn the_input_folder_and_its_parents_are_refused_untouched() {
    let root = tempfile::tempdir().expect("tempdir");
    let repo = repository(root.path());
    let home = root.path().join("home");
    let stderr = refused(
        cordial(&repo, &home).args(["build", "playbooks", "--out", "playbooks"]),
        root.path(),
    );
    assert!(stderr.contains("holds the input `playbooks`"), "{stderr}");

    // A folder that holds the input, seen from elsewhere (no .git, not the current folder).
    let work = root.path().join("work");
    copy_playbooks(&work.join("books"));
    let elsewhere = root.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("mkdir");
    let input = work.join("books").display().to_string();
    let out = work.display().to_string();
    refused(
        cordial(&elsewhere, &home).args(["build", &input, "--out", &out]),
        root.path(),
    );
    // A single playbook file inside --out counts too.
    let file = work
        .join("books/billing-messages.playbook.yaml")
        .display()
        .to_string();
    let books = work.join("books").display().to_string();
    refused(
        cordial(&elsewhere, &home).args(["build", &file, "--out", &books]),
        root.path(),
    );
}

#[test]
fn a_repository_root_home_and_a_folder_of_other_files_are_refused_untouched() {
    let root = tempfile::tempdir().expect("tempdir");
    let repo = repository(root.path());
    let home = root.path().join("home");
    fs::create_dir_all(home.join("Documents")).expect("mkdir");
    fs::write(home.join("Documents/taxes.pdf"), b"%PDF").expect("file");
    let elsewhere = root.path().join("elsewhere");
    copy_playbooks(&elsewhere.join("playbooks"));

    let stderr = refused(
        cordial(&elsewhere, &home).args([
            "build",
            "playbooks",
            "--out",
            &repo.display().to_string(),
        ]),
        root.path(),
    );
    assert!(stderr.contains("root of a git repository"), "{stderr}");

    let stderr = refused(
        cordial(&elsewhere, &home).args([
            "build",
            "playbooks",
            "--out",
            &home.display().to_string(),
        ]),
        root.path(),
    );
    assert!(stderr.contains("home folder"), "{stderr}");

    let docs = elsewhere.join("docs");
    fs::create_dir(&docs).expect("mkdir");
    fs::write(docs.join("notes.md"), b"keep me").expect("file");
    let stderr = refused(
        cordial(&elsewhere, &home).args(["build", "playbooks", "--out", "docs"]),
        root.path(),
    );
    assert!(stderr.contains("did not write: `notes.md`"), "{stderr}");

    let file = elsewhere.join("site.txt");
    fs::write(&file, b"a file").expect("file");
    refused(
        cordial(&elsewhere, &home).args(["build", "playbooks", "--out", "site.txt"]),
        root.path(),
    );
}

#[test]
fn an_earlier_site_is_replaced_but_not_once_someone_added_a_file() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    copy_playbooks(&work.join("playbooks"));
    let home = root.path().join("home");
    let build = |cwd: &Path| {
        cordial(cwd, &home)
            .args(["build", "playbooks", "--out", "site"])
            .output()
            .expect("runs")
    };
    assert_eq!(build(&work).status.code(), Some(0));
    let first = tree(&work.join("site"));
    assert!(first.contains_key(".cordial-site.json"));
    assert_eq!(
        build(&work).status.code(),
        Some(0),
        "rebuild over our own site"
    );
    assert_eq!(tree(&work.join("site")), first);

    fs::write(work.join("site/CNAME"), b"guides.example.com").expect("add");
    let before = tree(root.path());
    let output = build(&work);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`CNAME`"));
    assert_eq!(tree(root.path()), before);
}

#[test]
fn zero_playbooks_are_not_published_unless_asked() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    copy_playbooks(&work.join("playbooks"));
    fs::create_dir(work.join("empty")).expect("mkdir");
    let home = root.path().join("home");
    let ok = cordial(&work, &home)
        .args(["build", "playbooks", "--out", "site"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0));
    let before = tree(root.path());
    let output = cordial(&work, &home)
        .args(["build", "empty", "--out", "site"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no playbook found in `empty`"), "{stderr}");
    assert_eq!(tree(root.path()), before);

    let output = cordial(&work, &home)
        .args(["build", "empty", "--out", "site", "--allow-empty"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(work.join("site/index.html").is_file());
}

#[test]
fn playbooks_sharing_an_id_are_published_side_by_side() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    fs::create_dir_all(work.join("books")).expect("mkdir");
    let bundled =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/billing-messages.playbook.yaml");
    let text = fs::read_to_string(bundled).expect("playbook");
    for n in 0..3 {
        fs::write(work.join(format!("books/copy-{n}.playbook.yaml")), &text).expect("copy");
    }
    let output = cordial(&work, &root.path().join("home"))
        .args(["build", "books", "--out", "site", "--allow-errors"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("built 3 guides"), "{stdout}");
    let guides: Vec<_> = fs::read_dir(work.join("site"))
        .expect("site")
        .flatten()
        .filter(|e| e.path().join("guide.json").is_file())
        .collect();
    assert_eq!(guides.len(), 3, "each guide has its own folder");
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_writing_leaves_the_previous_site_and_no_temporary_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    let books = work.join("books");
    fs::create_dir_all(&books).expect("mkdir");
    let bundled =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/billing-messages.playbook.yaml");
    let text = fs::read_to_string(bundled).expect("playbook");
    let id_line = text
        .lines()
        .find(|l| l.starts_with("id:"))
        .expect("id line")
        .to_string();
    let home = root.path().join("home");
    let write_copies = |count: usize| {
        for n in 0..count {
            let copy = text.replacen(&id_line, &format!("id: copy-{n}"), 1);
            fs::write(books.join(format!("copy-{n}.playbook.yaml")), copy).expect("copy");
        }
    };
    write_copies(2);
    let first = cordial(&work, &home)
        .args(["build", "books", "--out", "site", "--allow-errors"])
        .output()
        .expect("runs");
    assert_eq!(first.status.code(), Some(0));

    // Enough guides that writing takes a while; stop the build as soon as it stages.
    write_copies(300);
    let mut caught = 0;
    for signal in ["-TERM", "-INT"] {
        let before = tree(&work.join("site"));
        let mut child = cordial(&work, &home)
            .args(["build", "books", "--out", "site", "--allow-errors"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(120);
        let staged = loop {
            if staging_folders(&work).next().is_some() {
                break true;
            }
            if child.try_wait().expect("wait").is_some() || Instant::now() > deadline {
                break false;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        if !staged {
            // The build finished before it could be caught: the property below still holds.
            let _ = child.wait();
            continue;
        }
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().expect("wait");
        caught += usize::from(status.code() == Some(130));
        assert_eq!(
            staging_folders(&work).count(),
            0,
            "a temporary folder was left after {signal}"
        );
        if status.code() == Some(130) {
            assert_eq!(
                tree(&work.join("site")),
                before,
                "the previous site changed"
            );
        } else {
            // The signal came after the swap: the new site is complete.
            assert_eq!(status.code(), Some(0));
        }
    }
    eprintln!("{caught} of 2 signals arrived while the site was being written");
}

fn staging_folders(work: &Path) -> impl Iterator<Item = PathBuf> {
    fs::read_dir(work)
        .expect("work")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".site."))
        })
}

#[test]
fn twenty_concurrent_builds_into_one_folder_all_succeed() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    copy_playbooks(&work.join("playbooks"));
    let home = root.path().join("home");
    let children: Vec<_> = (0..20)
        .map(|_| {
            cordial(&work, &home)
                .args(["build", "playbooks", "--out", "site"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(staging_folders(&work).count(), 0);
    let site = tree(&work.join("site"));
    let single = root.path().join("single");
    copy_playbooks(&single.join("playbooks"));
    assert_eq!(
        cordial(&single, &home)
            .args(["build", "playbooks", "--out", "site"])
            .status()
            .expect("runs")
            .code(),
        Some(0)
    );
    assert_eq!(
        site,
        tree(&single.join("site")),
        "the site is one whole build"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_published_through_the_link() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("work");
    copy_playbooks(&work.join("playbooks"));
    let real = root.path().join("www");
    fs::create_dir(&real).expect("mkdir");
    std::os::unix::fs::symlink(&real, work.join("site")).expect("link");
    let home = root.path().join("home");
    for _ in 0..2 {
        let output = cordial(&work, &home)
            .args(["build", "playbooks", "--out", "site"])
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        fs::symlink_metadata(work.join("site"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(real.join("index.html").is_file());
}
