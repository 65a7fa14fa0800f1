package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
)

// Alias is one of the user's merges: quotes of Variant count as
// Canonical's.
type Alias struct {
	Variant      string `json:"variant"`       // the variant name as the user wrote it
	Canonical    string `json:"canonical"`     // the canonical name as the user wrote it
	CanonicalKey string `json:"canonical_key"` // the speaker key quotes of the variant go to
}

// aliasTarget reads the canonical key an aliases-bucket value points to,
// or "" for none.
func aliasTarget(v []byte) string {
	if v == nil {
		return ""
	}
	var a Alias
	if err := json.Unmarshal(v, &a); err != nil {
		return ""
	}
	return a.CanonicalKey
}

// AddAlias merges every variant name into the speaker canonical names: the
// stored quotes of each variant move to the canonical speaker now, and
// quotes ingested later follow the alias. It returns the canonical key.
func (db *DB) AddAlias(ctx context.Context, canonical string, variants ...string) (string, error) {
	if db.readOnly {
		return "", ErrReadOnly
	}
	ck := attribution.SpeakerKey(canonical)
	if ck == "" {
		return "", fmt.Errorf("alias: %q has no letters", canonical)
	}
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	db.speakers = nil // moveSpeaker rewrites speakers
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		aliases := tx.Bucket(bucketAliases)
		if c := aliasTarget(aliases.Get([]byte(ck))); c != "" {
			ck = c // the canonical name is itself a variant
		}
		for _, v := range variants {
			vk := attribution.SpeakerKey(v)
			if vk == "" || vk == ck {
				continue
			}
			val, err := json.Marshal(Alias{Variant: v, Canonical: canonical, CanonicalKey: ck})
			if err != nil {
				return err
			}
			// A variant merged before into another speaker moves its
			// quotes from there.
			if old := aliasTarget(aliases.Get([]byte(vk))); old != "" && old != ck {
				if err := moveSpeaker(tx, old, ck, func(r *attribution.Record) bool {
					return attribution.SpeakerKey(deref(r.Speaker)) == vk
				}); err != nil {
					return err
				}
			}
			if err := aliases.Put([]byte(vk), val); err != nil {
				return err
			}
			// Variants that pointed at vk now point at ck.
			var repoint []Alias
			var keys [][]byte
			if err := aliases.ForEach(func(k, val []byte) error {
				var a Alias
				if json.Unmarshal(val, &a) == nil && a.CanonicalKey == vk {
					a.CanonicalKey, a.Canonical = ck, canonical
					repoint, keys = append(repoint, a), append(keys, copyBytes(k))
				}
				return nil
			}); err != nil {
				return err
			}
			for i, a := range repoint {
				b, _ := json.Marshal(a)
				if err := aliases.Put(keys[i], b); err != nil {
					return err
				}
			}
			if err := moveSpeaker(tx, vk, ck, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("alias add: %w", err)
	}
	return ck, nil
}

// RemoveAlias undoes the merge of variant: the alias is deleted and the
// quotes whose speaker was written as that variant move back to a speaker
// of their own.
func (db *DB) RemoveAlias(ctx context.Context, variant string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	vk := attribution.SpeakerKey(variant)
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	db.speakers = nil // moveSpeaker rewrites speakers
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		aliases := tx.Bucket(bucketAliases)
		ck := aliasTarget(aliases.Get([]byte(vk)))
		if ck == "" {
			return fmt.Errorf("%q is not an alias", variant)
		}
		if err := aliases.Delete([]byte(vk)); err != nil {
			return err
		}
		return moveSpeaker(tx, ck, vk, func(r *attribution.Record) bool {
			return attribution.SpeakerKey(deref(r.Speaker)) == vk
		})
	})
	if err != nil {
		return fmt.Errorf("alias rm: %w", err)
	}
	return nil
}

// Aliases lists the user's merges, sorted by canonical key then variant.
func (db *DB) Aliases(ctx context.Context) ([]Alias, error) {
	var out []Alias
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAliases).ForEach(func(k, v []byte) error {
			var a Alias
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("alias %q: %w", k, err)
			}
			out = append(out, a)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].CanonicalKey != out[j].CanonicalKey {
			return out[i].CanonicalKey < out[j].CanonicalKey
		}
		return out[i].Variant < out[j].Variant
	})
	return out, err
}

// moveSpeaker moves the quotes of speaker from (those keep(r) selects,
// all when keep is nil) to speaker to, re-indexing them and recounting
// both speakers from their quotes.
func moveSpeaker(tx *bolt.Tx, from, to string, keep func(*attribution.Record) bool) error {
	idx := tx.Bucket(idxSpeaker)
	qb := tx.Bucket(bucketQuotes)
	rr := newRecordReader(tx)
	prefix := key(from, "")
	var moves [][3][]byte // old key, new key, value
	c := idx.Cursor()
	for k, number := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, number = c.Next() {
		rest := k[len(prefix):] // said_on \0 id
		id := rest[bytes.LastIndexByte(rest, 0)+1:]
		if keep != nil {
			r, err := rr.record(id, qb.Get(quoteKey(id, number)))
			if err != nil {
				return err
			}
			if !keep(&r) {
				continue
			}
		}
		moves = append(moves, [3][]byte{copyBytes(k), append([]byte(to+"\x00"), rest...), copyBytes(number)})
	}
	for _, m := range moves {
		if err := idx.Delete(m[0]); err != nil {
			return err
		}
		if err := idx.Put(m[1], m[2]); err != nil {
			return err
		}
	}
	if err := recount(tx, from); err != nil {
		return err
	}
	return recount(tx, to)
}

// recount rebuilds the speaker record of key sk from its indexed quotes,
// or deletes it when none is left.
func recount(tx *bolt.Tx, sk string) error {
	speakers, qb, surnames := tx.Bucket(bucketSpeakers), tx.Bucket(bucketQuotes), tx.Bucket(idxSurname)
	rr := newRecordReader(tx)
	var s *Speaker
	prefix := key(sk, "")
	c := tx.Bucket(idxSpeaker).Cursor()
	for k, number := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, number = c.Next() {
		id := k[bytes.LastIndexByte(k, 0)+1:]
		r, err := rr.record(id, qb.Get(quoteKey(id, number)))
		if err != nil {
			return err
		}
		if r.Speaker == nil {
			continue
		}
		if s == nil {
			s = &Speaker{Name: *r.Speaker, Key: sk, Aliases: map[string]int{}, Roles: map[string]int{}, Outlets: map[string]int{}}
		}
		s.addRecord(&r)
	}
	sur := key(surnameKey(strings.TrimSuffix(sk, numberSuffix(sk))), sk)
	if s == nil {
		if err := surnames.Delete(sur); err != nil {
			return err
		}
		return speakers.Delete([]byte(sk))
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := surnames.Put(sur, nil); err != nil {
		return err
	}
	return speakers.Put([]byte(sk), b)
}
