//! The session's secrets from the OS's randomness, the room-facing address, and the time.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{SystemTime, UNIX_EPOCH};

use super::RoomError;

fn random<const N: usize>() -> Result<[u8; N], RoomError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| RoomError::Random(e.to_string()))?;
    Ok(bytes)
}

/// Six decimal digits, uniform: 64-bit draws above the largest multiple of 10⁶ are redrawn.
pub fn pin() -> Result<String, RoomError> {
    const SPAN: u64 = 1_000_000;
    let limit = u64::MAX - u64::MAX % SPAN;
    loop {
        let x = u64::from_le_bytes(random::<8>()?);
        if x < limit {
            return Ok(format!("{:06}", x % SPAN));
        }
    }
}

/// A participant's token: 128 random bits as 32 lowercase hex digits.
pub fn token() -> Result<String, RoomError> {
    Ok(random::<16>()?.iter().map(|b| format!("{b:02x}")).collect())
}

/// The address to show the room: `bind` itself when it names one interface; for 0.0.0.0 the
/// address of the interface the system would route outward by (a UDP socket "connected" to a
/// public address sends nothing), else loopback.
pub fn room_address(bind: IpAddr) -> IpAddr {
    if !bind.is_unspecified() {
        return bind;
    }
    let outward = || -> Option<IpAddr> {
        let socket = UdpSocket::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0)).ok()?;
        // TEST-NET-3 (RFC 5737): routable-looking, never reached; connect() only picks a route.
        socket.connect("203.0.113.1:9").ok()?;
        let ip = socket.local_addr().ok()?.ip();
        (!ip.is_unspecified()).then_some(ip)
    };
    outward().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The time now, RFC 3339 in UTC to the second: `2026-12-02T19:32:05Z`.
pub fn rfc3339_now() -> String {
    let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    rfc3339(secs)
}

/// Seconds since 1970-01-01 UTC as RFC 3339.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (y, m, d) = crate::files::dates::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        // 2000-02-29T12:34:56Z = 951827696 (date -u -d 2000-02-29T12:34:56Z +%s).
        assert_eq!(rfc3339(951_827_696), "2000-02-29T12:34:56Z");
    }

    #[test]
    fn pins_and_tokens_have_their_shapes_and_differ() {
        let pins: Vec<String> = (0..50).filter_map(|_| pin().ok()).collect();
        assert_eq!(pins.len(), 50);
        assert!(
            pins.iter()
                .all(|p| p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()))
        );
        // 50 uniform draws of 10⁶ all equal: probability 10⁻²⁹⁴.
        assert!(pins.iter().any(|p| *p != pins[0]));
        let a = token().unwrap_or_default();
        let b = token().unwrap_or_default();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_named_bind_address_is_shown_as_is() {
        let ip: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3));
        assert_eq!(room_address(ip), ip);
        assert!(!room_address(IpAddr::V4(Ipv4Addr::UNSPECIFIED)).is_unspecified());
    }
}
