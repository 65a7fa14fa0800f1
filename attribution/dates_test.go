package attribution

import (
	"testing"
)

func TestParsePublished(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ISO date", "2025-06-05", "2025-06-05"},
		{"ISO date-time with zone", "2025-03-12T18:40:00+03:00", "2025-03-12"},
		{"ISO date-time without zone", "2018-04-05 09:30:00", "2018-04-05"},
		{"RFC 1123", "Thu, 05 Jun 2025 10:00:00 GMT", "2025-06-05"},
		{"RFC 1123 with offset", "Thu, 05 Jun 2025 10:00:00 +0300", "2025-06-05"},
		{"English ordinal with GMT", "5th, June 2025 GMT", "2025-06-05"},
		{"English day month year", "4 June 2025", "2025-06-04"},
		{"Egyptian and Gulf month", "5 يونيو 2025", "2025-06-05"},
		{"Egyptian spelling", "12 يونيه 2016", "2016-06-12"},
		{"Levantine month", "3 حزيران 2025", "2025-06-03"},
		{"Levantine two-word month", "15 كانون الثاني 2024", "2024-01-15"},
		{"two-word month tishreen", "1 تشرين الأول 2023", "2023-10-01"},
		{"Maghreb month", "7 جوان 2025", "2025-06-07"},
		{"Moroccan month", "9 غشت 2025", "2025-08-09"},
		{"combined names with slash", "24 فبراير/ شباط 2022", "2022-02-24"},
		{"combined names reversed", "5 حزيران/يونيو 2025", "2025-06-05"},
		{"combined names in brackets", "12 آذار (مارس) 2024", "2024-03-12"},
		{"combined names that disagree", "12 آذار (أبريل) 2024", ""},
		{"weekday before the day", "الخميس 13 مارس 2025", "2025-03-13"},
		{"Eastern Arabic digits", "٥ يونيو ٢٠٢٥", "2025-06-05"},
		{"Persian digits", "۵ يونيو ۲۰۲۵", "2025-06-05"},
		{"Hijri then Gregorian after الموافق", "2 رمضان 1445هـ الموافق 12 مارس 2024م", "2024-03-12"},
		{"Hijri and Gregorian with a dash", "الثلاثاء 2 رمضان 1445 هـ - 12 مارس 2024 م", "2024-03-12"},
		{"Hijri with a glued era letter before the Gregorian date", "12 ذو الحجة 1445هـ 18 يونيو 2024", "2024-06-18"},
		{"day/month/year", "05/06/2025", "2025-06-05"},
		{"year/month/day", "2025/06/05", "2025-06-05"},
		{"impossible day", "31 يونيو 2025", ""},
		{"no year", "5 يونيو", ""},
		{"not a date", "منذ ساعتين", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParsePublished(tt.in)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("ParsePublished(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestFindPublished(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"English ordinal date line", "عنوان الخبر\nتاريخ النشر: 5th, June 2025 GMT\nنص الخبر", "2025-06-05"},
		{"Arabic date line", "عنوان\nنشر بتاريخ: الخميس 13 مارس 2025\nنص", "2025-03-13"},
		{"no date line", "عنوان\nنص الخبر دون تاريخ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindPublished(tt.text)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("FindPublished = %q, want %q", s, tt.want)
			}
		})
	}
}

func FuzzParsePublished(f *testing.F) {
	for _, s := range []string{"5th, June 2025 GMT", "2 رمضان 1445هـ الموافق 12 مارس 2024م", "05/06/2025", "٣١ ١٢ ٢٠٢٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, okA := ParsePublished(s)
		b, okB := ParsePublished(s)
		if okA != okB || !a.Equal(b) {
			t.Fatalf("not deterministic on %q", s)
		}
		if okA && (a.Year() < 1900 || a.Year() > 2100) {
			t.Fatalf("year out of range: %v", a)
		}
	})
}
