package attribution

import (
	"testing"
	"unicode/utf8"
)

func TestMoreRunes(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "ال", "الم", "والمدير", "\xff", "\xffا\xd8", "ا\xff\xffب", "日本語x", "abcd", "وزير"} {
		for n := range 8 {
			if got, want := moreRunes(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("moreRunes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
