//! Finding which field a JSON error is about.
//!
//! serde_json reports where in the text it gave up (line and column); this
//! scanner walks the text up to that point and names the path it is in,
//! e.g. `deliverables[2].status`. It replaces a path-tracking deserializer,
//! which would double the size of every generated visitor in the wasm.

enum Frame {
    /// Inside an object; the last key read, if any.
    Object(Option<String>),
    /// Inside an array, at this element.
    Array(usize),
}

/// Byte offset of a 1-based line and column.
pub fn offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column.saturating_sub(1)).min(text.len())
}

/// The path of the value being read at byte `at`. With `inside_object`,
/// the path of the object being closed there (for "missing field").
pub fn path_at(text: &str, at: usize, inside_object: bool) -> String {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < at.min(b.len()) {
        match b[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expecting_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expecting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if expecting_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(
                            text[start..i.min(b.len())]
                                .replace("\\\"", "\"")
                                .replace("\\\\", "\\"),
                        );
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if inside_object {
        if let Some(Frame::Object(k)) = stack.last_mut() {
            *k = None;
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_value_being_read() {
        let j = r#"{"deliverables":[{"title":"a"},{"title":5}]}"#;
        let at = j.find('5').unwrap() + 1;
        assert_eq!(path_at(j, at, false), "deliverables[1].title");
    }

    #[test]
    fn names_the_object_being_closed() {
        let j = r#"{"a":{"b":[1,2,{"x":"y"}]}}"#;
        let at = j.find('}').unwrap();
        assert_eq!(path_at(j, at, true), "a.b[2]");
        assert_eq!(path_at(j, j.len() - 1, true), "");
    }

    #[test]
    fn skips_strings_with_brackets_and_escapes() {
        let j = r#"{"note":"a [tricky] \"{\" value","n":true}"#;
        let at = j.find("true").unwrap() + 4;
        assert_eq!(path_at(j, at, false), "n");
    }

    #[test]
    fn converts_lines_and_columns() {
        let t = "{\n  \"a\": 1,\n  \"b\": x\n}";
        assert_eq!(&t[offset(t, 3, 8)..offset(t, 3, 9)], "x");
    }
}
