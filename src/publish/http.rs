//! The HTTP side of `kzlg publish`: requests through oxhttp (the client oxigraph already
//! brings), with HTTP basic or digest authentication as the store asks for it.
//!
//! Digest needs a challenge before the request that carries the answer. A graph can be large,
//! so it is not sent twice: a `HEAD` of the same URL fetches the challenge first, and the `PUT`
//! goes once, with its `Authorization` worked out by the `digest_auth` crate.

use std::time::Duration;

use base64::Engine as _;
use oxhttp::Client;
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use url::Url;

use super::PublishError;

/// A login: the user and the password read from the password file.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
    /// Where the password came from, to name it when the store refuses it.
    pub source: String,
}

/// A client for one store, with the login to answer its challenges.
pub struct Session {
    client: Client,
    credentials: Option<Credentials>,
}

/// A store's answer, read whole: the status and the body.
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
}

impl Session {
    pub fn new(credentials: Option<Credentials>, timeout: Duration) -> Self {
        let client = Client::new()
            .with_global_timeout(timeout)
            .with_user_agent(concat!("kzlg/", env!("CARGO_PKG_VERSION")))
            .expect("the user agent is a valid header");
        Session { client, credentials }
    }

    /// Replaces the graph at `url` (a Graph Store Protocol URL with its `?graph=`) with `body`.
    ///
    /// The login is tried on a `HEAD` first: a store that refuses it may close the connection
    /// while the body is still being sent, and the 401 would be lost behind a broken pipe.
    pub fn put(&self, url: &Url, content_type: &str, body: Vec<u8>) -> Result<Answer, PublishError> {
        let head = |authorization| self.send(Method::HEAD, url, None, Body::empty(), authorization);
        let challenge = head(None)?;
        let authorization = match &self.credentials {
            None if challenge.status() == StatusCode::UNAUTHORIZED => {
                return self.check(&Method::HEAD, url, challenge);
            }
            None => None,
            Some(_) => {
                let tried = head(self.authorization(&Method::HEAD, url, &challenge))?;
                if tried.status() == StatusCode::UNAUTHORIZED {
                    return self.check(&Method::HEAD, url, tried);
                }
                // A fresh challenge: stores need not accept a digest nonce twice.
                self.authorization(&Method::PUT, url, &head(None)?)
            }
        };
        let response = self.send(Method::PUT, url, Some(content_type), Body::from(body), authorization)?;
        self.check(&Method::PUT, url, response)
    }

    /// Runs a GET (a SPARQL query in the URL), answering an authentication challenge if one comes.
    pub fn get(&self, url: &Url, accept: &str) -> Result<Answer, PublishError> {
        let headers = |request: Request<Body>| with_accept(request, accept);
        let mut response = self.send_with(Method::GET, url, None, Body::empty(), None, headers)?;
        if response.status() == StatusCode::UNAUTHORIZED && self.credentials.is_some() {
            let authorization = self.authorization(&Method::GET, url, &response);
            response = self.send_with(Method::GET, url, None, Body::empty(), authorization, headers)?;
        }
        self.check(&Method::GET, url, response)
    }

    /// The `Authorization` header for `method` on `url`: digest when `challenge` asks for it,
    /// otherwise basic (sent as well when the store asked for nothing: some accept anonymous
    /// reads but want a login to write).
    fn authorization(&self, method: &Method, url: &Url, challenge: &Response<Body>) -> Option<HeaderValue> {
        let credentials = self.credentials.as_ref()?;
        let digest = challenge
            .headers()
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.trim_start().to_ascii_lowercase().starts_with("digest"))
            .and_then(|value| digest_auth::parse(value).ok());
        let text = match digest {
            Some(mut prompt) => {
                let uri = request_target(url);
                let context = digest_auth::AuthContext::new_with_method(
                    credentials.user.as_str(),
                    credentials.password.as_str(),
                    uri.as_str(),
                    Option::<&[u8]>::None,
                    digest_auth::HttpMethod(method.as_str().into()),
                );
                prompt.respond(&context).ok()?.to_header_string()
            }
            None => {
                let pair = format!("{}:{}", credentials.user, credentials.password);
                format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
            }
        };
        HeaderValue::try_from(text).ok()
    }

    fn send(
        &self,
        method: Method,
        url: &Url,
        content_type: Option<&str>,
        body: Body,
        authorization: Option<HeaderValue>,
    ) -> Result<Response<Body>, PublishError> {
        self.send_with(method, url, content_type, body, authorization, |r| r)
    }

    fn send_with(
        &self,
        method: Method,
        url: &Url,
        content_type: Option<&str>,
        body: Body,
        authorization: Option<HeaderValue>,
        headers: impl Fn(Request<Body>) -> Request<Body>,
    ) -> Result<Response<Body>, PublishError> {
        let mut builder = Request::builder().method(method).uri(url.as_str());
        if let Some(content_type) = content_type {
            builder = builder.header(CONTENT_TYPE, content_type);
        }
        if let Some(authorization) = authorization {
            builder = builder.header(AUTHORIZATION, authorization);
        }
        let request = builder.body(body).map_err(|e| PublishError::BadUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        self.client
            .request(headers(request))
            .map_err(|e| PublishError::Unreachable {
                url: url.to_string(),
                reason: e.to_string(),
            })
    }

    /// Reads the answer; a 401 or any other status outside 2xx is an error that says why.
    fn check(&self, method: &Method, url: &Url, response: Response<Body>) -> Result<Answer, PublishError> {
        let status = response.status();
        let body = response.into_body().to_string().unwrap_or_default();
        if status == StatusCode::UNAUTHORIZED {
            return Err(PublishError::Unauthorized {
                url: url.to_string(),
                user: self.credentials.as_ref().map(|c| c.user.clone()),
                password_file: self.credentials.as_ref().map(|c| c.source.clone()),
            });
        }
        if !status.is_success() {
            return Err(PublishError::Status {
                method: method.to_string(),
                url: url.to_string(),
                status: status.to_string(),
                message: shorten(&body),
            });
        }
        Ok(Answer { status, body })
    }
}

fn with_accept(mut request: Request<Body>, accept: &str) -> Request<Body> {
    if let Ok(value) = HeaderValue::try_from(accept) {
        request.headers_mut().insert(ACCEPT, value);
    }
    request
}

/// The path and query of `url`, as the request line carries it (what digest signs).
fn request_target(url: &Url) -> String {
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

/// A store's error page as one short line: tags dropped, blanks collapsed, cut at 300 characters.
pub fn shorten(body: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = words.join(" ");
    match line.char_indices().nth(300) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_page_becomes_its_text() {
        let page = "<html><head><title>SPARQL Graph Protocol request failed</title></head>\n<body><h1>HTTP/1.1 500 Request Failed</h1>\n<xmp>The PUT request is rejected</xmp></body></html>";
        assert_eq!(
            shorten(page),
            "SPARQL Graph Protocol request failed HTTP/1.1 500 Request Failed The PUT request is rejected"
        );
        let long = "é".repeat(400);
        assert_eq!(shorten(&long).chars().count(), 303);
    }

    #[test]
    fn digest_signs_the_path_and_query() {
        let url =
            Url::parse("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fkzlg").unwrap();
        assert_eq!(
            request_target(&url),
            "/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fkzlg"
        );
    }
}
