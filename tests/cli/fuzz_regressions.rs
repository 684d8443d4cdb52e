//! Inputs that once crashed a fuzz target (`make fuzz`), replayed on the real binary: each must
//! now end in a result or an error, never a panic. `tests/fuzz/<target>/` holds them as the
//! fuzzer wrote them (`load_table` has found none so far).

use std::path::Path;

use crate::support::{Workspace, stderr};

/// Every crash input of `target`, with its file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort();
    inputs
}

fn assert_no_panic(name: &str, output: &std::process::Output) {
    let code = output.status.code();
    assert!(matches!(code, Some(0..=2)), "{name}: exit {code:?}\n{}", stderr(output));
    assert!(!stderr(output).contains("panicked"), "{name}: {}", stderr(output));
}

#[test]
fn crashing_queries_now_give_errors() {
    let crashes = inputs("query_input");
    assert!(!crashes.is_empty(), "the crash inputs of query_input are missing");
    let ws = Workspace::new();
    ws.write("empty.nt", "");
    std::fs::create_dir(ws.path("catalogue")).unwrap();
    for (name, input) in crashes {
        ws.write("catalogue/fuzzed.rq", input);
        let output = ws.kzlg(&["query", "fuzzed", "--catalogue", "catalogue", "--data", "empty.nt"]);
        assert_no_panic(&name, &output);
    }
}
