package quotes

import (
	"unicode"
	"unicode/utf8"
)

// Extract finds every quoted span of text, pairs its marks and says what
// kind of span it is. Quotes come in text order; offsets point at the bytes
// of text, which is never modified. Extract is a pure function: the same
// text always gives the same quotes. Invalid UTF-8 is tolerated (offsets
// still fall on the boundaries of the marks found).
func Extract(text string) []Quote {
	var (
		out       []Quote
		marks     []mark
		spans     []span
		toks      []string
		prevPara  Kind // kind of the quote that ended the previous paragraph, if it ended it
		paragraph int
	)
	for start := 0; start <= len(text); paragraph++ {
		var end int
		marks, end = scanMarks(marks[:0], text, start)
		spans = spans[:0]
		if len(marks) > 0 {
			spans = pairMarks(spans, text, marks, start, end)
		}
		endsPara := Kind("")
		prevEnd := start
		var prevKind Kind
		lastAfter, lastKind := -1, Kind("") // the quote just before, of any kind
		for _, sp := range spans {
			contentFrom := sp.open + sp.openSize
			contentTo := sp.end
			after := sp.end
			if sp.close >= 0 {
				contentTo = sp.close
				after = sp.close + sp.closeSize
			}
			if sp.open < 0 {
				contentFrom = recoverOpening(text, max(prevEnd, lastAfter), sp.close)
				if contentFrom < 0 {
					continue
				}
				sp.open = contentFrom
			}
			from, to := trimSpace(text, contentFrom, contentTo)
			if from >= to {
				prevEnd = after
				continue
			}
			q := Quote{
				Text:      text[from:to],
				Start:     from,
				End:       to,
				OpenAt:    sp.open,
				CloseAt:   sp.close,
				Paragraph: paragraph,
			}
			ctxFrom := prevEnd
			if sp.open-ctxFrom > contextWindow {
				ctxFrom = sp.open - contextWindow
				for ctxFrom < sp.open && !utf8.RuneStart(text[ctxFrom]) {
					ctxFrom++
				}
			}
			ctxFrom += sentenceStart(text[ctxFrom:sp.open])
			toks = tokenize(toks[:0], text[ctxFrom:sp.open])
			c := context{
				toks:      toks,
				paraStart: isBlank(text[start:sp.open]),
			}
			rest := firstTokens(text[after:end], 3)
			c.afterColon = len(rest) > 0 && rest[0] == ":"
			c.subjectOf = subjectFollows(rest)
			if lastAfter >= 0 && lastAfter <= sp.open && sp.open-lastAfter <= 16 {
				if between := tokenize(nil, text[lastAfter:sp.open]); len(between) <= 2 && allConjunctions(between) {
					c.joined = lastKind
				}
			}
			for _, t := range rest {
				if t == "," {
					continue
				}
				c.afterSpeech = classOf(t) == wordSpeech
				break
			}
			if c.paraStart && prevPara != "" && countWords(q.Text) >= 3 {
				q.Continued = true
				q.Kind = prevPara
			} else {
				q.Kind = classify(q.Text, c, prevKind)
			}
			out = append(out, q)
			lastAfter, lastKind = after, q.Kind
			if q.Kind.Attributed() {
				// A name in marks is part of the sentence around it; the
				// next quote's context starts after the last speech.
				prevKind = q.Kind
				prevEnd = after
			}
			endsPara = ""
			if q.Kind.Attributed() && (sp.close < 0 || onlyPunct(text[after:end])) {
				endsPara = q.Kind
			}
		}
		if len(spans) == 0 && !isBlank(text[start:end]) {
			endsPara = ""
		}
		if len(spans) > 0 || !isBlank(text[start:end]) {
			prevPara = endsPara
		}
		start = end + 1
	}
	return out
}

// recoverOpening finds where the words of a quote whose opening mark is
// missing start (the guidelines' "start where the quoted words start"):
// right after the last complementizer or colon of text[from:closeAt] that
// follows a reporting verb, with at least four words between it and the
// closing mark. It returns -1 when the words before the mark are not speech.
func recoverOpening(text string, from, closeAt int) int {
	if closeAt-from > contextWindow {
		from = closeAt - contextWindow
		for from < closeAt && !utf8.RuneStart(text[from]) {
			from++
		}
	}
	seg := text[from:closeAt]
	anchor, speech, words := -1, false, 0
	for i := 0; i < len(seg); {
		r, n := utf8.DecodeRuneInString(seg[i:])
		switch {
		case r == ':':
			if speech {
				anchor, words = i+n, 0
			}
			i += n
			continue
		case r == '.' || r == '!' || r == '?' || r == '؟':
			anchor, speech, words = -1, false, 0
			i += n
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			i += n
			continue
		}
		j := i
		for j < len(seg) {
			r, n := utf8.DecodeRuneInString(seg[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != 'ـ' {
				break
			}
			j += n
		}
		switch classOf(Key(seg[i:j])) {
		case wordSpeech:
			speech = true
		case wordComplementizer, wordPronounComp:
			if speech {
				anchor, words = j, 0
				i = j
				continue
			}
		}
		words++
		i = j
	}
	if anchor < 0 || words < 4 {
		return -1
	}
	return from + anchor
}

// trimSpace narrows [from, to) of text past white space and invisible
// controls at both ends, keeping rune boundaries.
func trimSpace(text string, from, to int) (int, int) {
	for from < to {
		r, n := utf8.DecodeRuneInString(text[from:to])
		if !isSpaceOrCf(r) {
			break
		}
		from += n
	}
	for to > from {
		r, n := utf8.DecodeLastRuneInString(text[from:to])
		if !isSpaceOrCf(r) {
			break
		}
		to -= n
	}
	return from, to
}

func isSpaceOrCf(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Cf, r)
}

func isBlank(s string) bool {
	for _, r := range s {
		if !isSpaceOrCf(r) {
			return false
		}
	}
	return true
}

// onlyPunct reports whether s holds nothing but punctuation and space: what
// may follow a quote that ends its paragraph.
func onlyPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
