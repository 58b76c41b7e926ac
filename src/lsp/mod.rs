//! `cordial lsp`: a language server over standard input and output (docs/editors.md).
//!
//! Synchronous: one message at a time, in order. A playbook checks in milliseconds, so every
//! open and change is checked in full (full document sync) and its diagnostics published
//! before the next message is read.

mod actions;
mod document;
mod fix_actions;
mod navigate;
mod symbols;
mod uri;

use std::collections::HashMap;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, PrepareRenameRequest, References,
    Rename, Request as _,
};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, CompletionOptions, Hover, HoverContents,
    HoverProviderCapability, MarkupContent, MarkupKind, OneOf, PrepareRenameResponse,
    PublishDiagnosticsParams, RenameOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use document::Document;

/// Runs the server until the client says `exit`. Err: the connection failed.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    connection
        .initialize_finish(
            id,
            serde_json::json!({
                "capabilities": capabilities,
                "serverInfo": {"name": "cordial", "version": env!("CARGO_PKG_VERSION")},
            }),
        )
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection: &connection,
        documents: HashMap::new(),
    };
    let result = server.serve();
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    result
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                [":", " ", "{", "#", "[", ",", "-"]
                    .map(str::to_string)
                    .to_vec(),
            ),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(actions::kinds()),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    documents: HashMap<Uri, Document>,
}

/// A request's answer: its result, or an error code and message.
type Answer = Result<serde_json::Value, (ErrorCode, String)>;

impl Server<'_> {
    fn serve(&mut self) -> Result<(), String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let id = request.id.clone();
                    let response = match self.answer(request) {
                        Ok(result) => Response::new_ok(id, result),
                        Err((code, message)) => Response::new_err(id, code as i32, message),
                    };
                    self.send(Message::Response(response))?;
                }
                Message::Notification(notification) => self.notified(notification)?,
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) -> Result<(), String> {
        self.connection
            .sender
            .send(message)
            .map_err(|e| format!("the client went away: {e}"))
    }

    fn notified(&mut self, notification: Notification) -> Result<(), String> {
        let uri = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification.params)
                else {
                    return Ok(());
                };
                let doc = Document::new(p.text_document.uri.clone(), p.text_document.text);
                self.documents.insert(p.text_document.uri.clone(), doc);
                p.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                else {
                    return Ok(());
                };
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Ok(());
                };
                let mut doc = Document::new(p.text_document.uri.clone(), change.text);
                if let Some(previous) = self.documents.get(&p.text_document.uri) {
                    doc.remember_names(previous);
                }
                self.documents.insert(p.text_document.uri.clone(), doc);
                p.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                else {
                    return Ok(());
                };
                self.documents.remove(&p.text_document.uri);
                return self.publish(p.text_document.uri, Vec::new());
            }
            _ => return Ok(()),
        };
        let diagnostics = self
            .documents
            .get(&uri)
            .map(Document::lsp_diagnostics)
            .unwrap_or_default();
        self.publish(uri, diagnostics)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) -> Result<(), String> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            params,
        )))
    }

    fn document(&self, uri: &Uri) -> Result<&Document, (ErrorCode, String)> {
        self.documents.get(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("{} is not open", uri.as_str()),
            )
        })
    }

    fn answer(&self, request: Request) -> Answer {
        let Request { method, params, .. } = request;
        match method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parsed(params)?;
                let at = p.text_document_position_params;
                let doc = self.document(&at.text_document.uri)?;
                reply(
                    navigate::hover(doc, at.position).map(|(value, range)| Hover {
                        contents: HoverContents::Markup(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value,
                        }),
                        range: Some(range),
                    }),
                )
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = parsed(params)?;
                let at = p.text_document_position_params;
                let doc = self.document(&at.text_document.uri)?;
                reply(navigate::definition(doc, at.position))
            }
            References::METHOD => {
                let p: lsp_types::ReferenceParams = parsed(params)?;
                let at = p.text_document_position;
                let doc = self.document(&at.text_document.uri)?;
                reply(navigate::references(
                    doc,
                    at.position,
                    p.context.include_declaration,
                ))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams = parsed(params)?;
                let doc = self.document(&p.text_document.uri)?;
                let target = navigate::rename_target(doc, p.position)
                    .map_err(|e| (ErrorCode::RequestFailed, e))?;
                reply(PrepareRenameResponse::RangeWithPlaceholder {
                    range: doc.range(&target.span),
                    placeholder: target.name.clone(),
                })
            }
            Rename::METHOD => {
                let p: lsp_types::RenameParams = parsed(params)?;
                let at = p.text_document_position;
                let doc = self.document(&at.text_document.uri)?;
                let edit = navigate::rename(doc, at.position, &p.new_name)
                    .map_err(|e| (ErrorCode::InvalidParams, e))?;
                reply(edit)
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = parsed(params)?;
                let at = p.text_document_position;
                let doc = self.document(&at.text_document.uri)?;
                reply(navigate::completion(doc, at.position))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parsed(params)?;
                let doc = self.document(&p.text_document.uri)?;
                reply(actions::code_actions(
                    doc,
                    p.range,
                    p.context.only.as_deref(),
                ))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("cordial's language server does not handle `{method}`"),
            )),
        }
    }
}

fn params<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

fn parsed<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, (ErrorCode, String)> {
    params(value).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn reply(result: impl Serialize) -> Answer {
    serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
