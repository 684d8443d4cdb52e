//! `kzlg validate` is in the cargo feature `shacl`: a kzlg built without it says how to get one
//! that has it. (With the feature, `make check-shacl` runs it against pySHACL.)

#[cfg(not(feature = "shacl"))]
#[test]
fn without_the_feature_validate_says_how_to_install_it() {
    use crate::support::{Workspace, assert_exit, stderr};
    let ws = Workspace::new();
    for args in [&["validate"][..], &["validate", "--data", "kzlg.ttl", "--json"][..]] {
        let output = ws.kzlg(args);
        assert_exit(&output, 2);
        let error = stderr(&output);
        assert!(error.contains("built without SHACL validation"), "{args:?}: {error}");
        assert!(
            error.contains("cargo install --path . --features shacl"),
            "{args:?}: {error}"
        );
        assert!(output.stdout.is_empty(), "{args:?}: no report without the engine");
    }
}
