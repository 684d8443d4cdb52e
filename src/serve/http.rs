//! The HTTP side of a request: its decoded path and parameters, content negotiation, and
//! answers with their headers.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Method, Response, StatusCode};
use percent_encoding::percent_decode;

pub type Reply = Response<Full<Bytes>>;

/// A request whose body has been read.
pub struct Incoming {
    pub method: Method,
    /// The raw path, percent-encoded as sent.
    pub path: String,
    pub raw_query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// Why a request cannot be read: answered 400 with this message.
#[derive(Debug)]
pub struct BadRequest(pub String);

impl Incoming {
    pub fn new(parts: Parts, body: Bytes) -> Self {
        Self {
            method: parts.method,
            path: parts.uri.path().to_owned(),
            raw_query: parts.uri.query().unwrap_or_default().to_owned(),
            headers: parts.headers,
            body,
        }
    }

    /// The path's segments, percent-decoded; `..`, `.`, empty inner segments, NUL and
    /// invalid UTF-8 are refused, so that no route ever sees a path that climbs.
    pub fn segments(&self) -> Result<Vec<String>, BadRequest> {
        let trimmed = self.path.strip_prefix('/').unwrap_or(&self.path);
        if trimmed.is_empty() {
            return Ok(Vec::new());
        }
        trimmed
            .split('/')
            .map(|raw| {
                let segment = percent_decode(raw.as_bytes())
                    .decode_utf8()
                    .map_err(|_| BadRequest(format!("the path segment '{raw}' is not UTF-8 once decoded")))?;
                if matches!(&*segment, "." | "..") || segment.contains(['/', '\\', '\0']) {
                    return Err(BadRequest(format!(
                        "the path segment '{raw}' is not allowed (no '..', '.', '/' or NUL in a segment)"
                    )));
                }
                Ok(segment.into_owned())
            })
            .collect()
    }

    /// The parameters of the query string.
    pub fn query(&self) -> Result<Vec<(String, String)>, BadRequest> {
        form(self.raw_query.as_bytes(), "the query string")
    }

    /// The first value of the query-string parameter `name`.
    pub fn param(&self, name: &str) -> Result<Option<String>, BadRequest> {
        Ok(self.query()?.into_iter().find(|(k, _)| k == name).map(|(_, v)| v))
    }

    /// The request's media type, lower case, without parameters.
    pub fn content_type(&self) -> String {
        self.header(header::CONTENT_TYPE.as_str())
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    }

    /// A header's value as text (empty when missing or not visible ASCII).
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The body as text, refused when it is not UTF-8.
    pub fn text_body(&self) -> Result<&str, BadRequest> {
        std::str::from_utf8(&self.body).map_err(|e| {
            BadRequest(format!(
                "the request body is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })
    }
}

/// Decodes `application/x-www-form-urlencoded` text, refusing what is not UTF-8 once decoded
/// (`form_urlencoded` would replace it silently).
pub fn form(raw: &[u8], what: &str) -> Result<Vec<(String, String)>, BadRequest> {
    let decode = |part: &[u8]| -> Result<String, BadRequest> {
        let spaced: Vec<u8> = part.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
        percent_decode(&spaced)
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| {
                BadRequest(format!(
                    "{what} is not UTF-8 once decoded: '{}'",
                    String::from_utf8_lossy(part)
                ))
            })
    };
    raw.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = match pair.iter().position(|&b| b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            Ok((decode(key)?, decode(value)?))
        })
        .collect()
}

/// The offered media type the `Accept` header prefers (`None`: none is acceptable, 406). Each
/// offer takes the quality of the most specific range that matches it; a missing header
/// accepts the first offer, and ties go to the earlier offer.
pub fn negotiate(accept: &str, offers: &[&'static str]) -> Option<&'static str> {
    if accept.trim().is_empty() {
        return offers.first().copied();
    }
    let ranges: Vec<(String, f32)> = accept
        .split(',')
        .map(|range| {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (media, quality)
        })
        .collect();
    let specificity = |media: &str, offer: &str| -> Option<u8> {
        if media == offer {
            Some(2)
        } else if media
            .strip_suffix("/*")
            .is_some_and(|main| offer.split('/').next() == Some(main))
        {
            Some(1)
        } else {
            (media == "*/*").then_some(0)
        }
    };
    let mut best: Option<(f32, &'static str)> = None;
    for offer in offers {
        let quality = ranges
            .iter()
            .filter_map(|(media, q)| specificity(media, offer).map(|s| (s, *q)))
            .max_by_key(|(s, _)| *s)
            .map_or(0.0, |(_, q)| q);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, offer));
        }
    }
    best.map(|(_, offer)| offer)
}

/// An answer with a body of type `media`.
pub fn reply(status: StatusCode, media: &str, body: impl Into<Bytes>) -> Reply {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(media) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// A plain-text error message, the status said in words first.
pub fn problem(status: StatusCode, message: &str) -> Reply {
    let reason = status.canonical_reason().unwrap_or_default();
    reply(
        status,
        "text/plain; charset=utf-8",
        format!("{} {reason}: {message}\n", status.as_u16()),
    )
}

/// 406, naming what the resource can be had as.
pub fn not_acceptable(offers: &[&str]) -> Reply {
    problem(
        StatusCode::NOT_ACCEPTABLE,
        &format!("this resource is available as {}", offers.join(", ")),
    )
}

/// 405, with the methods that are allowed.
pub fn method_not_allowed(allowed: &str) -> Reply {
    let mut response = problem(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("this resource answers {allowed}: the server is read-only"),
    );
    if let Ok(value) = HeaderValue::from_str(allowed) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// Adds a header to an answer (names and values are the server's own, valid by construction).
pub fn with(mut response: Reply, name: &'static str, value: &str) -> Reply {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
}

/// The headers every answer gets: CORS when the operator asked for it.
pub fn finish(mut response: Reply, cors: bool) -> Reply {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if cors {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Accept, Content-Type"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Kzlg-Truncated, Warning"),
        );
    }
    response
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What stays as it is in a path segment or a query-string value: RFC 3986's unreserved characters.
const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path segment or a query-string value.
pub fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_quality_then_specificity_then_offer_order() {
        let offers = ["text/html", "text/turtle", "application/ld+json"];
        assert_eq!(negotiate("", &offers), Some("text/html"));
        assert_eq!(negotiate("text/turtle", &offers), Some("text/turtle"));
        assert_eq!(
            negotiate("text/*;q=0.5, application/ld+json", &offers),
            Some("application/ld+json")
        );
        assert_eq!(negotiate("*/*;q=0.1, text/turtle", &offers), Some("text/turtle"));
        assert_eq!(negotiate("image/png", &offers), None);
        assert_eq!(negotiate("text/turtle;q=0", &offers), None);
    }

    #[test]
    fn forms_refuse_what_is_not_utf8() {
        assert_eq!(
            form(b"q=%D0%90%D0%BA+%D0%B8&x", "q").unwrap(),
            vec![("q".to_owned(), "Ак и".to_owned()), ("x".to_owned(), String::new())]
        );
        assert!(form(b"q=%FF%FE", "q").is_err());
    }
}
