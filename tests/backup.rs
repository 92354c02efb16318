//! Backups and dumps round-trip: `backup` makes a store that dumps to the same
//! quads, and `restore` of a `dump` (N-Quads or TriG) gives them back too.

use crate::util::{self, actorgraph};

fn run(args: &[&std::ffi::OsStr]) -> String {
    let output = actorgraph().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn backup_and_dump_restore_to_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let os = |path: &std::path::Path| path.as_os_str().to_owned();
    run(&[
        "load".as_ref(),
        "--location".as_ref(),
        &os(&path("store")),
        util::seed_path().as_os_str(),
    ]);
    let original = run(&["dump".as_ref(), "--location".as_ref(), &os(&path("store"))]);
    assert!(original.lines().count() > 1000);

    run(&[
        "backup".as_ref(),
        "--location".as_ref(),
        &os(&path("store")),
        &os(&path("backup")),
    ]);
    let backed_up = run(&["dump".as_ref(), "--location".as_ref(), &os(&path("backup"))]);
    assert_eq!(backed_up, original);

    for format in ["nquads", "trig"] {
        let file = path(&format!("dump.{format}"));
        run(&[
            "dump".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            "--location".as_ref(),
            &os(&path("store")),
            "--output".as_ref(),
            &os(&file),
        ]);
        let restored = path(&format!("restored-{format}"));
        let report = run(&[
            "restore".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            "--location".as_ref(),
            &os(&restored),
            &os(&file),
        ]);
        assert!(report.contains("1 articles"), "{report}");
        let again = run(&["dump".as_ref(), "--location".as_ref(), &os(&restored)]);
        assert_eq!(again, original, "{format}");
    }

    // A backup never overwrites, and a restore never mixes into data.
    let output = actorgraph()
        .args(["backup", "--location"])
        .arg(path("store"))
        .arg(path("backup"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let output = actorgraph()
        .args(["restore", "--location"])
        .arg(path("store"))
        .arg(path("dump.nquads"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not empty"));
}
