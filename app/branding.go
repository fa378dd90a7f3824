package app

import (
	"context"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"salesplan/app/report"
)

// Branding is how a plan's PDF presents itself to the client: a logo, a
// primary colour, who prepared it for whom and a confidentiality line. One
// row per plan; every field is optional.
type Branding struct {
	ID           string `db:"id"`
	PlanID       string `db:"plan_id"`
	Logo         string `db:"logo"`      // PNG or JPEG, base64
	LogoName     string `db:"logo_name"` // the file it came from
	Color        string `db:"color"`     // #RRGGBB; "" = Salesplan's blue
	PreparedBy   string `db:"prepared_by"`
	PreparedFor  string `db:"prepared_for"`
	Confidential string `db:"confidential"`
}

// BrandingTable declares the branding rows for the store.
var BrandingTable = Table{Name: "plan_branding", Row: Branding{}, OnePerPlan: true}

// MaxLogoBytes is the largest logo file a plan keeps.
const MaxLogoBytes = 2 << 20

// Branding field limits, in characters.
const (
	maxBrandName         = 120
	maxBrandConfidential = 300
)

// Clean trims the text fields and writes the colour in upper case.
func (b *Branding) Clean() {
	b.PreparedBy = strings.TrimSpace(b.PreparedBy)
	b.PreparedFor = strings.TrimSpace(b.PreparedFor)
	b.Confidential = strings.TrimSpace(b.Confidential)
	b.Color = strings.TrimSpace(b.Color)
	if c, err := report.ParseColor(b.Color); err == nil && b.Color != "" {
		b.Color = c.Hex()
	}
}

// Validate checks the logo, the colour and the lengths.
func (b Branding) Validate() []FieldError {
	var errs []FieldError
	if b.Color != "" {
		if _, err := report.ParseColor(b.Color); err != nil {
			errs = append(errs, FieldError{Field: "color", Message: "Write the primary colour as #RRGGBB, e.g. #0072B2, or leave it empty for the default blue."})
		}
	}
	if b.Logo != "" {
		raw, err := base64.StdEncoding.DecodeString(b.Logo)
		switch {
		case err != nil:
			errs = append(errs, FieldError{Field: "logo", Message: "The stored logo is damaged; choose the logo file again."})
		case len(raw) > MaxLogoBytes:
			errs = append(errs, FieldError{Field: "logo", Message: "The logo is larger than 2 MB; save it smaller (a few hundred pixels wide is enough) and choose it again."})
		default:
			if _, _, err := report.LogoType(raw); err != nil {
				errs = append(errs, FieldError{Field: "logo", Message: "The logo must be a PNG or JPEG image; choose such a file."})
			}
		}
	}
	for _, f := range []struct {
		field, what, v string
		max            int
	}{
		{"prepared_by", "“Prepared by”", b.PreparedBy, maxBrandName},
		{"prepared_for", "“Prepared for”", b.PreparedFor, maxBrandName},
		{"confidential", "The confidentiality line", b.Confidential, maxBrandConfidential},
	} {
		if n := utf8.RuneCountInString(f.v); n > f.max {
			errs = append(errs, FieldError{Field: f.field, Message: f.what + " has " + Itoa(n) + " characters; shorten it to " + Itoa(f.max) + " at most."})
		}
	}
	return errs
}

// SetLogo stores a logo file's bytes, or says why it cannot be a logo.
func (b *Branding) SetLogo(name string, raw []byte) error {
	if len(raw) > MaxLogoBytes {
		return Errorf(ErrInvalid, "The logo is larger than 2 MB; save it smaller (a few hundred pixels wide is enough) and choose it again.")
	}
	if _, _, err := report.LogoType(raw); err != nil {
		return Errorf(ErrInvalid, "The logo must be a PNG or JPEG image; %s is neither.", name)
	}
	b.Logo, b.LogoName = base64.StdEncoding.EncodeToString(raw), name
	return nil
}

// LogoBytes returns the logo file, nil when there is none.
func (b Branding) LogoBytes() []byte {
	raw, err := base64.StdEncoding.DecodeString(b.Logo)
	if err != nil || len(raw) == 0 {
		return nil
	}
	return raw
}

// ColorValue returns the primary colour, zero for the default.
func (b Branding) ColorValue() report.Color {
	c, _ := report.ParseColor(b.Color)
	return c
}

// loadBranding reads the plan's branding row, if any.
func loadBranding(ctx context.Context, r ContentReader, pd *PlanData) error {
	var rows []Branding
	if err := r.Rows(ctx, BrandingTable.Name, pd.Plan.ID, &rows); err != nil {
		return err
	}
	if len(rows) > 0 {
		pd.Branding = rows[0]
	}
	return nil
}
