package main

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/isnad/isnad/attribution"
)

// appendRecord appends r as encoding/json encodes it with HTML escaping
// off, byte for byte, without reflection: extract writes one record per
// quote, and reflection was most of the cost of writing them. ok is false
// when the confidence is not a finite number, which encoding/json refuses
// with an error that the caller gets by encoding r the slow way.
func appendRecord(b []byte, r *attribution.Record) (out []byte, ok bool) {
	if r.Confidence != nil && (math.IsInf(*r.Confidence, 0) || math.IsNaN(*r.Confidence)) {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, r.ID)
	b = append(b, `,"article":`...)
	b = appendJSONString(b, r.Article)
	b = appendOptional(b, `,"outlet":`, r.Outlet)
	b = appendOptional(b, `,"url":`, r.URL)
	b = appendOptional(b, `,"published":`, r.Published)
	b = append(b, `,"quote":`...)
	b = appendJSONString(b, r.Quote)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(r.Kind))
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(r.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(r.End), 10)
	b = appendOptional(b, `,"speaker":`, r.Speaker)
	b = appendOptional(b, `,"mention":`, r.Mention)
	b = appendOptional(b, `,"role":`, r.Role)
	b = appendOptional(b, `,"cue":`, r.Cue)
	b = appendOptional(b, `,"said_on":`, r.SaidOn)
	b = appendOptional(b, `,"said_on_basis":`, r.SaidOnBasis)
	b = appendOptional(b, `,"credited":`, r.Credited)
	b = append(b, `,"confidence":`...)
	if r.Confidence == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONFloat(b, *r.Confidence)
	}
	return append(b, '}'), true
}

// appendOptional appends the member name and s, or null when s is nil.
func appendOptional(b []byte, name string, s *string) []byte {
	b = append(b, name...)
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// appendJSONFloat appends f as encoding/json writes a float64: like
// ES6's number to string, %f between 1e-6 and 1e21, else %e with the
// exponent's leading zero dropped.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 → e-9
		b = b[:n-1]
	}
	return b
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: ", \ and control bytes escaped (\b \f \n \r \t short),
// invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
