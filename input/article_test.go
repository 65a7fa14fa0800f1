package input

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// checkDecodeArticle holds decodeArticle to json.Unmarshal: what it
// takes, it decodes the same, and it takes nothing json refuses.
func checkDecodeArticle(t *testing.T, line string) (ok bool) {
	t.Helper()
	got, ok := decodeArticle([]byte(line))
	var want quotes.Article
	err := json.Unmarshal([]byte(line), &want)
	if ok && err != nil {
		t.Errorf("decodeArticle took %q, which json refuses: %v", line, err)
	}
	if ok && got != want {
		t.Errorf("decodeArticle(%q) = %+v, json gives %+v", line, got, want)
	}
	return ok
}

func TestDecodeArticle(t *testing.T) {
	for _, line := range []string{
		`{"id": "a1", "outlet": "الوكالة", "url": "http://x.test/مصر", "published": "2025-06-05", "title": "عنوان", "text": "قال: «نعم»"}` + "\n",
		`{}`, " {  } \r\n", `{"text":""}`, `{"text":"a","text":"b"}`,
		`{"text":"سطر\nوسطر \"مقتبس\" \\ \/ \b\f\r\t \u00e9\u0627\u0000 \u2028"}`,
	} {
		if !checkDecodeArticle(t, line) {
			t.Errorf("decodeArticle(%q) left to json", line)
		}
	}
	for _, line := range []string{
		``, `[]`, `{`, `{"text":"a"`, `{"text":"a",}`, `{"text":"a"} x`, `{"text":"a"}{}`, `{"Text":"a"}`, `{"body":"a"}`,
		`{"text":1}`, `{"text":null}`, `{"te\u0078t":"a"}`, `{"text":"a` + "\n" + `"}`, `{"text":"\ud83d\ude00"}`, `{"text":"\ud83d"}`,
		`{"text":"\x"}`, `{"text":"\u12"}`, `{"text":"\u12g4"}`, `{"text" "a"}`, `{,}`, `"text"`,
	} {
		if checkDecodeArticle(t, line) {
			t.Errorf("decodeArticle(%q) took it; want it left to json", line)
		}
	}
}

func FuzzDecodeArticle(f *testing.F) {
	f.Add(`{"id": "a1", "text": "قال: «نعم»\n"}`)
	f.Add(`{"text":"\u00e9\"\\\/","title":"\ud83d\ude00"}`)
	f.Add(`{"TEXT":"a", "url": null}`)
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return // the caller replaces invalid UTF-8 first
		}
		checkDecodeArticle(t, line)
	})
}

// TestPlainRun holds plainRun's eight-byte scan to reading byte by byte,
// on random bytes where quotes, backslashes, control bytes, bytes next to
// them ('!', '#', '[', ']', 0x20) and UTF-8 fall anywhere in a word.
func TestPlainRun(t *testing.T) {
	alphabet := []byte{'"', '\\', 0x00, 0x1F, 0x20, '!', '#', '[', ']', 'a', 0xD8, 0xA7, 0x80, 0xFF, 0xA2, 0xDC}
	rng := rand.New(rand.NewPCG(15, 16))
	for range 100000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = 'a'
			if rng.IntN(6) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		from := rng.IntN(len(b) + 1)
		want := from
		for want < len(b) && b[want] != '"' && b[want] != '\\' && b[want] >= 0x20 {
			want++
		}
		if got := plainRun(b, from); got != want {
			t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, want)
		}
	}
}
