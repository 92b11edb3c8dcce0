//! Stand-ins for the agency's side on loopback: a webhook receiver and a
//! mail server, each keeping what reaches it.

use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A webhook receiver on loopback that fails its first `failures` posts.
pub struct Receiver {
    pub url: String,
    pub got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
}

pub async fn receiver(failures: usize) -> Receiver {
    let got: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let seen = got.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                let mut list = seen.lock().unwrap();
                list.push((headers, body));
                if list.len() <= failures {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::NO_CONTENT
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver { url, got }
}

/// A mail server on loopback that speaks just enough SMTP, keeps every
/// message it accepts, and refuses the first `failures` with "try later".
pub struct MailServer {
    pub url: String,
    pub messages: Arc<Mutex<Vec<String>>>,
}

pub async fn mail_server(failures: usize) -> MailServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let messages: Arc<Mutex<Vec<String>>> = Arc::default();
    let refused = Arc::new(Mutex::new(0usize));
    let kept = messages.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let (kept, refused) = (kept.clone(), refused.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 mail.test ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 mail.test\r\n",
                        "DATA" => {
                            let mut n = refused.lock().unwrap();
                            if *n < failures {
                                *n += 1;
                                b"451 4.3.0 Try again later\r\n"
                            } else {
                                b"354 Go ahead\r\n"
                            }
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 Bye\r\n").await;
                            return;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(answer).await.unwrap();
                    if answer.starts_with(b"354") {
                        let mut message = String::new();
                        while let Ok(Some(line)) = lines.next_line().await {
                            if line == "." {
                                break;
                            }
                            message.push_str(&line);
                            message.push('\n');
                        }
                        // Headers unfolded, as a mail reader shows them.
                        kept.lock().unwrap().push(message.replace("\n ", " "));
                        write.write_all(b"250 Queued\r\n").await.unwrap();
                    }
                }
            });
        }
    });
    MailServer { url, messages }
}
