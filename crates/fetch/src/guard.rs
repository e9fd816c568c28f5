//! The SSRF guard: which addresses a fetch may connect to.
//!
//! Names are resolved here, every address is checked, and the connection is made to a checked
//! address only (the HTTP client asks this resolver, not the system's), so a name that resolves
//! to a public address for the check and to a private one for the connection (DNS rebinding)
//! cannot slip through. Redirect targets go through the same resolver.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};

/// Why an address is refused, or `None` when it is a public unicast address.
pub fn refused(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) => refused_v6(v6),
    }
}

fn refused_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let why = match (a, b, c) {
        (169, 254, 169) if ip.octets()[3] == 254 => "cloud metadata",
        (0, _, _) => "unspecified ('this network')",
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => "private",
        (100, 64..=127, _) => "shared address space (CGNAT)",
        (127, _, _) => "loopback",
        (169, 254, _) => "link-local",
        (192, 0, 0) => "IETF protocol assignments",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (192, 88, 99) => "6to4 relay anycast",
        (198, 18..=19, _) => "benchmarking",
        (224..=239, _, _) => "multicast",
        (240..=255, _, _) => "reserved or broadcast",
        _ => return None,
    };
    Some(why)
}

fn refused_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms carry a v4 address.
    if s[..5] == [0; 5] && (s[5] == 0xffff || s[5] == 0) {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        if let Some(w) = refused_v4(v4) {
            return Some(w);
        }
        // A mapped public address is that address; the compatible form is obsolete.
        return (s[5] == 0).then_some("IPv4-compatible (deprecated)");
    }
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed a v4 address too.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0; 4] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return refused_v4(v4);
    }
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return refused_v4(v4);
    }
    if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
        return Some("cloud metadata");
    }
    let why = match s[0] {
        0xfc00..=0xfdff => "unique local (private)",
        0xfe80..=0xfebf => "link-local",
        0xfec0..=0xfeff => "site-local (deprecated)",
        0xff00..=0xffff => "multicast",
        0x2001 if s[1] == 0x0db8 => "documentation",
        0x2001 if s[1] < 0x0200 => "IETF protocol assignments (Teredo, ORCHID, …)",
        0x3fff if s[1] < 0x1000 => "documentation",
        0x0100 if s[1..4] == [0; 3] => "discard-only",
        _ => return None,
    };
    Some(why)
}

/// The resolver the HTTP client connects through.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub allow_private: bool,
    /// The last refusal, so the fetch can name it instead of a generic connection error.
    pub refusal: Arc<Mutex<Option<String>>>,
}

impl GuardedResolver {
    fn refuse(&self, msg: String) -> io::Error {
        if let Ok(mut r) = self.refusal.lock() {
            *r = Some(msg.clone());
        }
        io::Error::new(io::ErrorKind::PermissionDenied, msg)
    }
}

impl ureq::Resolver for GuardedResolver {
    fn resolve(&self, netloc: &str) -> io::Result<Vec<SocketAddr>> {
        let (host, port) = netloc
            .rsplit_once(':')
            .and_then(|(h, p)| Some((h, p.parse::<u16>().ok()?)))
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "bad host"))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<SocketAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => (host, port).to_socket_addrs()?.collect(),
        };
        if self.allow_private {
            return Ok(addrs);
        }
        let mut ok = Vec::new();
        let mut why = None;
        for a in addrs {
            match refused(a.ip()) {
                None => ok.push(a),
                Some(w) => why = why.or(Some((a.ip(), w))),
            }
        }
        match (ok.is_empty(), why) {
            (true, Some((ip, w))) => Err(self.refuse(format!(
                "refused: {host} is {ip}, a {w} address (use --allow-private to fetch it)"
            ))),
            (true, None) => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{host} has no address"),
            )),
            (false, _) => Ok(ok),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(addr: &str, expect: Option<&str>) {
        let ip: IpAddr = addr.parse().unwrap();
        assert_eq!(refused(ip), expect, "{addr}");
    }

    #[test]
    fn refuses_every_non_public_range() {
        check("127.0.0.1", Some("loopback"));
        check("10.1.2.3", Some("private"));
        check("172.31.255.255", Some("private"));
        check("192.168.0.1", Some("private"));
        check("169.254.169.254", Some("cloud metadata"));
        check("169.254.1.1", Some("link-local"));
        check("100.64.0.1", Some("shared address space (CGNAT)"));
        check("0.0.0.0", Some("unspecified ('this network')"));
        check("224.0.0.1", Some("multicast"));
        check("255.255.255.255", Some("reserved or broadcast"));
        check("192.0.2.7", Some("documentation"));
        check("198.51.100.7", Some("documentation"));
        check("203.0.113.7", Some("documentation"));
        check("::1", Some("loopback"));
        check("::", Some("unspecified"));
        check("::ffff:127.0.0.1", Some("loopback"));
        check("::ffff:169.254.169.254", Some("cloud metadata"));
        check("::127.0.0.1", Some("loopback"));
        check("::8.8.8.8", Some("IPv4-compatible (deprecated)"));
        check("64:ff9b::10.0.0.1", Some("private"));
        check("2002:c0a8:0101::1", Some("private"));
        check("fd00:ec2::254", Some("cloud metadata"));
        check("fc00::1", Some("unique local (private)"));
        check("fe80::1", Some("link-local"));
        check("ff02::1", Some("multicast"));
        check("2001:db8::1", Some("documentation"));
    }

    #[test]
    fn public_addresses_pass() {
        check("8.8.8.8", None);
        check("93.184.216.34", None);
        check("172.32.0.1", None);
        check("::ffff:8.8.8.8", None);
        check("2606:4700::1111", None);
        check("2001:4860:4860::8888", None);
    }

    #[test]
    fn resolver_refuses_loopback_names_and_literals() {
        use ureq::Resolver;
        let r = GuardedResolver {
            allow_private: false,
            refusal: Default::default(),
        };
        let e = r.resolve("127.0.0.1:80").unwrap_err();
        assert!(e.to_string().contains("loopback"), "{e}");
        let e = r.resolve("localhost:80").unwrap_err();
        assert!(e.to_string().contains("loopback"), "{e}");
        let e = r.resolve("[::1]:80").unwrap_err();
        assert!(e.to_string().contains("loopback"), "{e}");
        let open = GuardedResolver {
            allow_private: true,
            refusal: Default::default(),
        };
        assert_eq!(open.resolve("127.0.0.1:80").unwrap().len(), 1);
    }
}
