//! `cordial lsp` driven over stdio as an editor would: initialize → initialized → didOpen →
//! publishDiagnostics → hover → definition → references → rename → completion → codeAction →
//! quick fix → fix-all (compared with `cordial check --fix`) → didChange → shutdown → exit. Every wait has a timeout and the server is killed when the test
//! ends, so a server that stops answering fails the test instead of hanging the suite.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

/// The pressure line: accented letters and an emoji before the findings, so that UTF-16
/// columns (an emoji is two code units) differ from characters and from bytes. The misspelt
/// placeholder has a safe fix, whose edit must land after the emoji.
const PRESSURE: &str = "Olá, é 😀 bom {custmer_name}: this offer expires when we hang up.";

fn playbook(say: &str) -> String {
    format!(
        r#"cordial: 1
id: lsp-test
title: Reminder call
locale: en-GB
jurisdictions: [uk]
collector: first-party
variables:
  customer_name: {{type: text, example: Jordan}}
start: greet
steps:
  greet:
    title: Greeting
    say:
      - "Hello, this is Sam from Example Energy. May I speak with {{customer_name}}?"
    establishes: [identity-verified]
    next:
      - {{when: The customer confirms who they are, go: listen}}
      - {{when: Someone else answered, go: wrong-party}}
  listen:
    title: Listen
    requires: [identity-verified]
    say:
      - "Thank you. I'm calling about your account with us. How are things at the moment?"
      - "{say}"
    next:
      - {{when: The customer will pay, go: callback}}
      - {{when: The customer is struggling, go: support}}
      - {{when: The customer disputes the bill, go: dispute}}
  callback: {{title: Call back, outcome: callback}}
  support:
    title: Support
    say:
      - "Thank you for telling me. Free, independent debt advice is available from MoneyHelper, and I can refer you to our support team."
    outcome: hardship-referral
  dispute:
    title: Dispute
    say:
      - "I understand. I'll record your dispute, and we will pause collection while we look into it."
    outcome: dispute
  wrong-party:
    title: Wrong person
    say:
      - "Sorry to have bothered you. Have a good day."
    outcome: wrong-party
"#
    )
}

/// The server process; killed if the test ends early.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(cwd: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cordial"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cordial lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (result or error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answered in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .clone()
    }
}

/// One JSON-RPC message with its `Content-Length` header; None at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length:") {
            length = n.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position (line, UTF-16 unit) of a 1-based line and character column, as the CLI
/// reports them.
fn utf16_position(text: &str, line: usize, column: usize) -> Value {
    let line_text = text.lines().nth(line - 1).expect("line");
    let units: usize = line_text
        .chars()
        .take(column - 1)
        .map(char::len_utf16)
        .sum();
    json!({"line": line - 1, "character": units})
}

/// The byte offset of an LSP position (line, UTF-16 unit) in `text`.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let units = position["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut counted = 0;
    for (i, c) in text[start..].char_indices() {
        if counted >= units || c == '\n' {
            return start + i;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// `text` with a workspace edit's text edits for `uri` applied, as an editor applies them.
fn apply_edit(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edit["changes"][uri]
        .as_array()
        .expect("edits for the document")
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"]),
                offset_of(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    edits.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, with);
    }
    out
}

fn position_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect("needle");
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

#[test]
fn an_editor_session_from_initialize_to_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The configuration the CLI would use: pressure raised to an error.
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[severity]\n\"wording/pressure\" = \"error\"\n",
    )
    .expect("config");
    let folder = dir.path().join("cobrança");
    std::fs::create_dir(&folder).expect("folder");
    let file = folder.join("lembrete.playbook.yaml");
    let text = playbook(PRESSURE);
    std::fs::write(&file, &text).expect("playbook");

    // What the CLI reports for the same text, read from standard input under the same name.
    let cli = Command::new(env!("CARGO_BIN_EXE_cordial"))
        .args(["check", "-", "--format", "json", "--stdin-filename"])
        .arg(&file)
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())?;
            child.wait_with_output()
        })
        .expect("cordial check runs");
    let report: Value = serde_json::from_slice(&cli.stdout).expect("JSON report");
    let expected = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "wording/pressure")
        .expect("the CLI finds the pressure")
        .clone();
    assert_eq!(expected["severity"], "error", "cordial.toml applies");

    let mut server = Server::start(dir.path());
    let uri = format!(
        "file://{}",
        file.to_str()
            .expect("utf-8 path")
            .replace("ç", "%C3%A7")
            .replace(' ', "%20")
    );

    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"], 1, "full sync");
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.cordial"])
    );
    server.notify("initialized", json!({}));

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let diagnostics = server.diagnostics(&uri);
    let pressure = diagnostics
        .iter()
        .find(|d| d["code"] == "wording/pressure")
        .unwrap_or_else(|| panic!("no pressure finding in {diagnostics:#?}"))
        .clone();
    assert_eq!(
        diagnostics.len(),
        report["diagnostics"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(pressure["severity"], 1, "an error, as cordial.toml says");
    assert_eq!(pressure["source"], "cordial");
    assert!(
        pressure["message"]
            .as_str()
            .expect("message")
            .starts_with(expected["message"].as_str().expect("message"))
    );
    assert_eq!(
        pressure["codeDescription"]["href"],
        "https://cordial.dev/rules#wordingpressure"
    );
    let range = &pressure["range"];
    let start = utf16_position(
        &text,
        expected["line"].as_u64().expect("line") as usize,
        expected["column"].as_u64().expect("column") as usize,
    );
    let end = utf16_position(
        &text,
        expected["end_line"].as_u64().expect("line") as usize,
        expected["end_column"].as_u64().expect("column") as usize,
    );
    assert_eq!(range["start"], start);
    assert_eq!(range["end"], end);
    // The emoji counts two units: the column in UTF-16 is one more than in characters.
    assert_eq!(
        start["character"].as_u64().expect("character"),
        expected["column"].as_u64().expect("column")
    );

    let doc = json!({"uri": uri});
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": range["start"]}),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover");
    assert!(shown.contains("**wording/pressure**"), "{shown}");
    assert!(shown.contains("**Why it matters.**"), "{shown}");

    let go_listen = position_of(&text, "go: listen}");
    let on_listen = json!({"line": go_listen["line"], "character": go_listen["character"].as_u64().expect("c") + 5});
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": on_listen}),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover");
    assert!(shown.starts_with("**step `listen`**: Listen"), "{shown}");
    assert!(shown.contains("> Thank you. I'm calling"), "{shown}");

    let definition = server.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": on_listen}),
    );
    assert_eq!(
        definition["result"]["range"]["start"],
        position_of(&text, "listen:\n")
    );

    let references = server.request(
        "textDocument/references",
        json!({"textDocument": doc, "position": on_listen, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(references["result"].as_array().map(Vec::len), Some(2));

    let rename = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": on_listen, "newName": "hear"}),
    );
    let edits = rename["result"]["changes"][&uri].as_array().expect("edits");
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["newText"] == "hear"));
    let refused = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": on_listen, "newName": "not valid"}),
    );
    assert!(refused["error"]["message"].as_str().is_some(), "{refused}");
    let taken = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": on_listen, "newName": "support"}),
    );
    assert!(taken["error"]["message"].as_str().is_some(), "{taken}");

    let after_go = json!({"line": go_listen["line"], "character": go_listen["character"].as_u64().expect("c") + 4});
    let completion = server.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": after_go}),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "greet",
            "listen",
            "callback",
            "support",
            "dispute",
            "wrong-party"
        ]
    );

    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": range, "context": {"diagnostics": [pressure]}}),
    );
    let actions = actions["result"].as_array().expect("actions");
    let allow = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.contains("Allow `wording/pressure`"))
        })
        .unwrap_or_else(|| panic!("no allow action in {actions:#?}"));
    let edit = &allow["edit"]["changes"][&uri][0];
    assert!(
        edit["newText"]
            .as_str()
            .expect("text")
            .starts_with("      # cordial: allow wording/pressure -- <"),
        "{edit}"
    );
    assert_eq!(edit["range"]["start"]["line"], range["start"]["line"]);

    // The misspelt placeholder's quick fix: preferred, landing after the emoji, and the
    // finding is gone once the edit is applied.
    let variable = diagnostics
        .iter()
        .find(|d| d["code"] == "ref/undeclared-variable")
        .unwrap_or_else(|| panic!("no placeholder finding in {diagnostics:#?}"))
        .clone();
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": variable["range"], "context": {"diagnostics": [variable]}}),
    );
    let actions = actions["result"].as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Replace `{custmer_name}` with `{customer_name}`")
        .unwrap_or_else(|| panic!("no fix in {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "ref/undeclared-variable");
    let edit = &fix["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], position_of(&text, "custmer_name}"));
    let fixed = apply_edit(&text, &fix["edit"], &uri);
    assert_eq!(fixed, text.replace("{custmer_name}", "{customer_name}"));

    // Fix-all, as an editor asks for it on save: the text `cordial check --fix` writes.
    let whole =
        json!({"start": {"line": 0, "character": 0}, "end": position_of(&text, "wrong-party:\n")});
    let fix_all = server.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": whole, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let fix_all = fix_all["result"].as_array().expect("actions");
    assert_eq!(fix_all.len(), 1, "{fix_all:#?}");
    assert_eq!(fix_all[0]["kind"], "source.fixAll.cordial");
    let all_fixed = apply_edit(&text, &fix_all[0]["edit"], &uri);
    let copy = folder.join("cópia.playbook.yaml");
    std::fs::write(&copy, &text).expect("copy");
    let status = Command::new(env!("CARGO_BIN_EXE_cordial"))
        .args(["check", "--fix", "--quiet"])
        .arg(&copy)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .status()
        .expect("cordial check --fix runs");
    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
    let written = std::fs::read_to_string(&copy).expect("fixed copy");
    assert_ne!(written, text, "--fix changed something");
    assert_eq!(all_fixed, written);

    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diagnostics = server.diagnostics(&uri);
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] != "ref/undeclared-variable"),
        "{diagnostics:#?}"
    );
    assert!(diagnostics.iter().any(|d| d["code"] == "wording/pressure"));

    let calm = playbook("Take the time you need.");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": calm}]}),
    );
    let diagnostics = server.diagnostics(&uri);
    assert!(
        diagnostics.iter().all(|d| d["code"] != "wording/pressure"),
        "{diagnostics:#?}"
    );

    let shutdown = server.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none());
    server.notify("exit", Value::Null);
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = server.child.try_wait().expect("status") {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
