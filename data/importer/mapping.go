package importer

import (
	"sort"
	"strings"
	"unicode"
)

// synonyms returns the header names that mean field f, most specific
// first. Each name is a sequence of lower-case words.
func synonyms(f Field) []string {
	switch f {
	case Date:
		return []string{"order date", "invoice date", "sale date", "sales date", "transaction date", "posting date", "document date",
			"booking date", "date", "day", "datum", "rechnungsdatum", "belegdatum", "bestelldatum", "verkaufsdatum",
			"buchungsdatum", "date de facture", "fecha", "data", "fecha de venta", "factuurdatum"}
	case Amount:
		return []string{"net amount", "net sales", "net revenue", "sales amount", "revenue amount", "invoice amount", "line amount",
			"line total", "total amount", "amount", "revenue", "sales", "turnover", "total", "value", "net value", "sales value",
			"net", "subtotal", "gross amount", "betrag", "nettobetrag", "umsatz", "netto", "summe", "wert", "montant",
			"chiffre d affaires", "importe", "ventas", "monto", "bedrag", "omzet", "importo", "valor"}
	case Quantity:
		return []string{"qty", "quantity", "units", "units sold", "unit sold", "quantity sold", "qty sold", "pcs", "pieces",
			"volume", "menge", "anzahl", "stück", "stueck", "quantité", "quantite", "cantidad", "aantal", "quantità"}
	case Product:
		return []string{"product name", "item name", "product", "item", "sku", "article", "product code", "item code", "article name",
			"service", "artikel", "artikelname", "bezeichnung", "produkt", "produit", "producto", "prodotto", "articulo",
			"artículo", "description"}
	case Group:
		return []string{"product group", "product category", "product line", "category", "group", "segment", "family", "product family",
			"class", "warengruppe", "produktgruppe", "kategorie", "gruppe", "catégorie", "categorie", "categoría", "categoria",
			"famille", "familia"}
	case Region:
		return []string{"sales region", "region", "territory", "sales territory", "area", "market", "country", "state", "city",
			"location", "store", "branch", "zone", "land", "gebiet", "pays", "país", "pais", "regione", "regio"}
	case Customer:
		return []string{"customer name", "client name", "account name", "company name", "customer", "client", "account", "buyer",
			"company", "kunde", "kundenname", "kunden", "firma", "cliente", "klant", "nom du client"}
	case Salesperson:
		return []string{"sales rep", "salesperson", "sales person", "sales representative", "account manager", "account owner",
			"rep", "seller", "owner", "salesman", "saleswoman", "agent", "employee", "vertreter", "verkäufer", "verkaeufer",
			"mitarbeiter", "vendeur", "commercial", "vendedor", "venditore", "verkoper"}
	case Channel:
		return []string{"sales channel", "channel", "source", "lead source", "medium", "platform", "kanal", "vertriebskanal", "canal",
			"canale", "kanaal"}
	}
	return nil
}

// notAmount reports whether w is a word that makes a header something
// other than the sale amount or quantity when it only partly matches ("Tax
// amount").
func notAmount(w string) bool {
	switch w {
	case "tax", "vat", "mwst", "ust", "discount", "rabatt", "cost", "costs", "margin", "profit", "shipping", "freight",
		"fee", "fees", "commission", "price", "preis", "prix", "precio", "unit", "id", "number", "no", "nr", "code",
		"budget", "target", "plan":
		return true
	}
	return false
}

// headerWords splits a header into lower-case words: letters and digits,
// split at anything else and at lower-to-upper case changes ("OrderDate").
func headerWords(h string) []string {
	var words []string
	var cur []rune
	var prev rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range h {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && unicode.IsLower(prev) {
				flush()
			}
			cur = append(cur, unicode.ToLower(r))
		default:
			flush()
		}
		prev = r
	}
	flush()
	return words
}

// matchScore scores how well header words hw match field f: 0 for no
// match; exact matches beat partial ones, longer synonyms beat shorter,
// earlier synonyms beat later ones, and a partial match at the end of the
// header ("Order Total") beats one elsewhere.
func matchScore(f Field, hw []string) int {
	if len(hw) == 0 {
		return 0
	}
	joined := strings.Join(hw, " ")
	glued := strings.Join(hw, "")
	best := 0
	syn := synonyms(f)
	for i, s := range syn {
		sw := strings.Fields(s)
		rank := len(syn) - i
		switch {
		case joined == s || glued == strings.Join(sw, ""):
			best = max(best, 10000+100*len(sw)+rank)
		default:
			at := indexWords(hw, sw)
			if at < 0 {
				continue
			}
			if f == Amount || f == Quantity {
				spoiled := false
				for _, w := range hw {
					if notAmount(w) {
						spoiled = true
					}
				}
				if spoiled {
					continue
				}
			}
			score := 1000 + 100*len(sw) + rank
			if at+len(sw) == len(hw) {
				score += 50
			}
			best = max(best, score)
		}
	}
	return best
}

// indexWords returns where the word sequence sub starts in words, or -1.
func indexWords(words, sub []string) int {
	for i := 0; i+len(sub) <= len(words); i++ {
		ok := true
		for j := range sub {
			if words[i+j] != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// GuessMapping maps header names to fields. Matching ignores case, spaces
// and punctuation and knows common names and variants in English (and some
// German, French, Spanish, Italian and Dutch): "Order Date", "Invoice
// date", "Revenue", "Net amount", "Qty", "SKU", "Product group", "Territory",
// "Client", "Sales rep", "Sales channel" and many more; a header that only
// contains a known name ("Order Total", "Customer ID") matches less
// strongly. Each column is used at most once and each field at most once;
// the strongest (most specific) matches are assigned first, and ties go to
// the earlier field, then the earlier column.
func GuessMapping(headers []string) Mapping {
	type cand struct {
		score, field, col int
	}
	fields := Fields()
	var cands []cand
	for col, h := range headers {
		hw := headerWords(h)
		for fi, f := range fields {
			if sc := matchScore(f, hw); sc > 0 {
				cands = append(cands, cand{sc, fi, col})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.field != b.field {
			return a.field < b.field
		}
		return a.col < b.col
	})
	m := Mapping{}
	used := map[int]bool{}
	for _, c := range cands {
		f := fields[c.field]
		if _, ok := m[f]; ok || used[c.col] {
			continue
		}
		m[f] = c.col
		used[c.col] = true
	}
	return m
}
