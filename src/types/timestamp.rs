//! Timestamps on the wire: epoch seconds as a JSON number.
//!
//! The model's only timestamp shape (`DateType`) has no `timestampFormat`, so
//! the JSON protocol default applies: seconds since the epoch, integer or
//! fractional. Real Cognito and moto send fractions (`1795663533.321`),
//! cognito-local integers. Fractions are kept to the microsecond, more than any
//! peer sends and within what an `f64` holds exactly for present-day dates.
//! Accepted values run from year -9999 to 9999, `time`'s range (and within
//! what the platform's `SystemTime` holds).
//!
//! Use with `#[serde(default, with = "timestamp", skip_serializing_if = "Option::is_none")]`
//! on an `Option<SystemTime>`.

use std::fmt;
use std::time::SystemTime;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Error as _;
use serde::Serializer;
use time::OffsetDateTime;

use crate::clock::{from_unix_nanos, unix_nanos};

/// Largest magnitude of epoch seconds accepted (about 31 million years).
const MAX_ABS_SECONDS: f64 = 1e15;

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// Writes `Some(t)` as epoch seconds: an integer when there is no fraction,
/// otherwise a float with microseconds; `None` as `null` (normally skipped).
pub(crate) fn serialize<S: Serializer>(
    value: &Option<SystemTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        None => serializer.serialize_none(),
        Some(t) => {
            let nanos = unix_nanos(*t);
            let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND))
                .map_err(|_| S::Error::custom("time out of range for epoch seconds"))?;
            let micros = u32::try_from(nanos.rem_euclid(NANOS_PER_SECOND) / 1_000)
                .map_err(|_| S::Error::custom("time out of range for epoch seconds"))?;
            if micros == 0 {
                serializer.serialize_i64(seconds)
            } else {
                serializer.serialize_f64(seconds as f64 + f64::from(micros) / 1e6)
            }
        }
    }
}

/// Reads epoch seconds (integer or float) or `null`.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<SystemTime>, D::Error> {
    deserializer.deserialize_option(OptionVisitor)
}

/// From an integer number of seconds.
pub(crate) fn from_seconds(seconds: i64) -> Option<SystemTime> {
    let t = OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    from_unix_nanos(t.unix_timestamp_nanos())
}

/// From fractional seconds, rounded to the microsecond.
pub(crate) fn from_fractional_seconds(value: f64) -> Option<SystemTime> {
    if !value.is_finite() || value.abs() > MAX_ABS_SECONDS {
        return None;
    }
    let whole = value.floor();
    let micros = ((value - whole) * 1e6).round() as i128;
    let nanos = (whole as i128)
        .checked_mul(NANOS_PER_SECOND)?
        .checked_add(micros * 1_000)?;
    // The same range as the integer form: what `time` accepts.
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    from_unix_nanos(nanos)
}

struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<SystemTime>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch seconds as a number, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(SecondsVisitor).map(Some)
    }
}

struct SecondsVisitor;

impl SecondsVisitor {
    fn out_of_range<E: de::Error>(shown: impl fmt::Display) -> E {
        E::custom(format_args!("epoch seconds out of range: {shown}"))
    }
}

impl Visitor<'_> for SecondsVisitor {
    type Value = SystemTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch seconds as a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        from_seconds(v).ok_or_else(|| Self::out_of_range(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .ok()
            .and_then(from_seconds)
            .ok_or_else(|| Self::out_of_range(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        from_fractional_seconds(v).ok_or_else(|| Self::out_of_range(v))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use serde::{Deserialize, Serialize};

    use crate::clock::unix_nanos;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Holder {
        #[serde(
            default,
            with = "super",
            skip_serializing_if = "Option::is_none",
            rename = "T"
        )]
        t: Option<SystemTime>,
    }

    fn parse(json: &str) -> Result<Holder, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Whole epoch seconds (rounded down) and the nanoseconds after them.
    fn parts(t: SystemTime) -> (i64, i128) {
        let nanos = unix_nanos(t);
        (
            i64::try_from(nanos.div_euclid(1_000_000_000)).unwrap(),
            nanos.rem_euclid(1_000_000_000),
        )
    }

    #[test]
    fn integer_seconds() {
        let h = parse(r#"{"T":1700000000}"#).unwrap();
        let (seconds, nanos) = parts(h.t.unwrap());
        assert_eq!(seconds, 1_700_000_000, "seconds");
        assert_eq!(nanos, 0, "no fraction");
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1700000000}"#,
            "written back as integer"
        );
    }

    #[test]
    fn fractional_seconds_keep_milliseconds() {
        let h = parse(r#"{"T":1795663533.321}"#).unwrap();
        let (seconds, nanos) = parts(h.t.unwrap());
        assert_eq!(seconds, 1_795_663_533, "seconds");
        assert_eq!(nanos / 1_000_000, 321, "milliseconds");
        assert_eq!(nanos, 321_000_000, "no float noise below the millisecond");
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1795663533.321}"#,
            "written back as float"
        );
    }

    #[test]
    fn exponent_form_and_negative() {
        let h = parse(r#"{"T":1.700000000123E9}"#).unwrap();
        let (seconds, nanos) = parts(h.t.unwrap());
        assert_eq!(seconds, 1_700_000_000, "exponent form");
        assert_eq!(nanos, 123_000_000, "exponent form fraction");
        let h = parse(r#"{"T":-1.5}"#).unwrap();
        let (seconds, nanos) = parts(h.t.unwrap());
        assert_eq!(seconds, -2, "floor of -1.5");
        assert_eq!(nanos / 1_000_000, 500, "fraction of -1.5");
        assert_eq!(
            h.t,
            Some(UNIX_EPOCH - Duration::from_millis(1_500)),
            "before the epoch"
        );
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":-1.5}"#,
            "written back before the epoch"
        );
    }

    #[test]
    fn absent_and_null() {
        assert_eq!(parse("{}").unwrap().t, None, "absent");
        assert_eq!(parse(r#"{"T":null}"#).unwrap().t, None, "null");
    }

    #[test]
    fn hostile_values_are_errors() {
        for bad in [
            r#"{"T":"2024-01-01"}"#,
            r#"{"T":1e300}"#,
            r#"{"T":-1e300}"#,
            r#"{"T":18446744073709551615}"#,
            r#"{"T":9223372036854775807}"#,
            r#"{"T":253402300800}"#,
            r#"{"T":253402300800.5}"#,
            r#"{"T":true}"#,
            r#"{"T":[1]}"#,
        ] {
            assert!(parse(bad).is_err(), "rejected: {bad}");
        }
        let last = parse(r#"{"T":253402300799}"#).unwrap();
        assert!(last.t.is_some(), "the last second of year 9999 is accepted");
    }

    #[test]
    fn sub_microsecond_is_dropped_on_the_wire() {
        let t = UNIX_EPOCH + Duration::new(1_700_000_000, 250_000_999);
        let h = Holder { t: Some(t) };
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1700000000.25}"#,
            "microseconds, rounded down"
        );
        let h = Holder {
            t: Some(UNIX_EPOCH + Duration::new(1_700_000_000, 999)),
        };
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1700000000}"#,
            "less than a microsecond: integer"
        );
    }

    #[test]
    fn round_trip_from_value() {
        let t = UNIX_EPOCH + Duration::from_secs(1_600_000_000);
        let h = Holder { t: Some(t) };
        let back = parse(&serde_json::to_string(&h).unwrap()).unwrap();
        assert_eq!(back, h, "round trip");
    }
}
