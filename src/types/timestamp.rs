//! Timestamps on the wire: epoch seconds as a JSON number.
//!
//! The model's only timestamp shape (`DateType`) has no `timestampFormat`, so
//! the JSON protocol default applies: seconds since the epoch, integer or
//! fractional. Real Cognito and moto send fractions (`1795663533.321`),
//! cognito-local integers. Fractions are kept to the microsecond, more than any
//! peer sends and within what an `f64` holds exactly for present-day dates.
//!
//! Use with `#[serde(default, with = "epoch_seconds", skip_serializing_if = "Option::is_none")]`
//! on an `Option<OffsetDateTime>`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;
use time::OffsetDateTime;

/// Largest magnitude of epoch seconds accepted (about 31 million years).
const MAX_ABS_SECONDS: f64 = 1e15;

/// Writes `Some(t)` as epoch seconds: an integer when there is no fraction,
/// otherwise a float with microseconds; `None` as `null` (normally skipped).
pub(crate) fn serialize<S: Serializer>(
    value: &Option<OffsetDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        None => serializer.serialize_none(),
        Some(t) => {
            let seconds = t.unix_timestamp();
            let micros = t.microsecond();
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
) -> Result<Option<OffsetDateTime>, D::Error> {
    deserializer.deserialize_option(OptionVisitor)
}

/// From an integer number of seconds.
pub(crate) fn from_seconds(seconds: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(seconds).ok()
}

/// From fractional seconds, rounded to the microsecond.
pub(crate) fn from_fractional_seconds(value: f64) -> Option<OffsetDateTime> {
    if !value.is_finite() || value.abs() > MAX_ABS_SECONDS {
        return None;
    }
    let whole = value.floor();
    let micros = ((value - whole) * 1e6).round() as i128;
    let nanos = (whole as i128)
        .checked_mul(1_000_000_000)?
        .checked_add(micros * 1_000)?;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<OffsetDateTime>;

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
    type Value = OffsetDateTime;

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
    use serde::{Deserialize, Serialize};
    use time::OffsetDateTime;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Holder {
        #[serde(
            default,
            with = "super",
            skip_serializing_if = "Option::is_none",
            rename = "T"
        )]
        t: Option<OffsetDateTime>,
    }

    fn parse(json: &str) -> Result<Holder, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn integer_seconds() {
        let h = parse(r#"{"T":1700000000}"#).unwrap();
        let t = h.t.unwrap();
        assert_eq!(t.unix_timestamp(), 1_700_000_000, "seconds");
        assert_eq!(t.nanosecond(), 0, "no fraction");
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1700000000}"#,
            "written back as integer"
        );
    }

    #[test]
    fn fractional_seconds_keep_milliseconds() {
        let h = parse(r#"{"T":1795663533.321}"#).unwrap();
        let t = h.t.unwrap();
        assert_eq!(t.unix_timestamp(), 1_795_663_533, "seconds");
        assert_eq!(t.millisecond(), 321, "milliseconds");
        assert_eq!(
            t.microsecond(),
            321_000,
            "no float noise below the millisecond"
        );
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"T":1795663533.321}"#,
            "written back as float"
        );
    }

    #[test]
    fn exponent_form_and_negative() {
        let h = parse(r#"{"T":1.700000000123E9}"#).unwrap();
        assert_eq!(
            h.t.unwrap().unix_timestamp(),
            1_700_000_000,
            "exponent form"
        );
        assert_eq!(
            h.t.unwrap().microsecond(),
            123_000,
            "exponent form fraction"
        );
        let h = parse(r#"{"T":-1.5}"#).unwrap();
        assert_eq!(h.t.unwrap().unix_timestamp(), -2, "floor of -1.5");
        assert_eq!(h.t.unwrap().millisecond(), 500, "fraction of -1.5");
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
            r#"{"T":true}"#,
            r#"{"T":[1]}"#,
        ] {
            assert!(parse(bad).is_err(), "rejected: {bad}");
        }
    }

    #[test]
    fn round_trip_from_value() {
        let t = OffsetDateTime::from_unix_timestamp(1_600_000_000).unwrap();
        let h = Holder { t: Some(t) };
        let back = parse(&serde_json::to_string(&h).unwrap()).unwrap();
        assert_eq!(back, h, "round trip");
    }
}
