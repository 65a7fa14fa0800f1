package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestNormalRunes checks the claim of normalRune on every pair of the
// runes of one and two bytes that it holds: such a string is in NFC and
// in NFKC.
func TestNormalRunes(t *testing.T) {
	var rs []rune
	for r := rune(0); r < 0x800; r++ {
		rs = append(rs, r)
	}
	for _, a := range rs {
		for _, b := range rs {
			s := string([]rune{a, b})
			if !normalRunes(s) {
				continue
			}
			if norm.NFC.String(s) != s || norm.NFKC.String(s) != s {
				t.Errorf("normalRunes(%q) but it normalizes to %q, %q", s, norm.NFC.String(s), norm.NFKC.String(s))
			}
		}
	}
	// Marks (fatha, shadda) and hamza above are not starters, and invalid
	// or long runes are left to norm.
	for _, s := range []string{"\u0651\u064E", "ا\u0654", "نبيّ", "\xd8", "ﷲ", "\uFDFC", "ﻻ"} {
		if normalRunes(s) {
			t.Errorf("normalRunes(%q) = true", s)
		}
	}
	for _, s := range []string{"", "قال الرئيس: «لا»", "Trump said, 2024", "أإآؤئى"} {
		if !normalRunes(s) {
			t.Errorf("normalRunes(%q) = false", s)
		}
		if !utf8.ValidString(s) || strings.Contains(s, "\uFDFC") {
			t.Fatalf("bad test string %q", s)
		}
	}
}
