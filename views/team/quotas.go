package team

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salesplan/app"
	model "salesplan/app/team"
	"salesplan/data"
	"salesplan/views"
)

// quotaLine is one rep's quota in words: the amount, the verdict and the
// figures behind it.
func quotaLine(pd *app.PlanData, r model.RepQuota) string {
	loc, cur := pd.Locale, pd.Currency
	s := fmt.Sprintf("%s (%s, %s): %s", r.Name, app.OrDash(r.Region), r.Level, loc.Money(r.Annual, cur))
	if r.Fixed {
		s += " fixed"
	}
	switch {
	case r.Realism == model.NoHistory:
		s += " — no verdict: less than 12 months of own sales in the history."
	default:
		s += fmt.Sprintf(" — %s: %s of %s sold in the last 12 months.", r.Realism, loc.Percent(float64(r.RatioBP)/10000), loc.Money(r.Trailing, cur))
	}
	return s
}

// buildQuotas shows the team's quotas with their realism verdicts; once
// adjusted, every rep's months to full productivity, region potential and
// fixed quota are editable.
func (v *view) buildQuotas() {
	v.quotas.RemoveAll()
	pd, c := v.data()
	q := model.FiguresOf(pd).Quotas
	if p := model.QuotaProblem(q); p != "" {
		msg := views.WrappedLabel(p)
		msg.Importance = widget.WarningImportance
		v.quotas.Add(msg)
		if q.Target <= 0 && len(q.Reps) > 0 {
			v.quotas.Add(widget.NewButtonWithIcon("Use the forecast", theme.ViewRefreshIcon(), func() {
				v.ps.LoadForecast(func(err error) {
					if err != nil {
						v.ps.ShowError(err)
					}
					v.afterChange()
				})
			}))
		}
	}
	if len(q.Reps) == 0 {
		return
	}
	v.quotaSum = views.WrappedLabel("")
	v.quotas.Add(v.quotaSum)
	v.quotaLines, v.quotaEdits, v.quotaMsgs, v.adjust = map[string]*widget.Label{}, map[string][3]*widget.Entry{}, map[string]*widget.Label{}, nil
	v.quotaMonths = map[string][]*widget.Entry{}
	var missing []model.Quota
	for _, r := range q.Reps {
		if c.QuotaOf(r.Rep) == nil {
			missing = append(missing, model.Quota{PlanID: pd.Plan.ID, RepIDs: []string{r.Rep}, RampMonths: -1})
		}
	}
	if len(missing) == 0 {
		v.quotas.Add(views.WrappedLabel("Per month: type an amount to fix a month (the rest of the rep's quota goes to the other months); leave it empty to have it computed, as the grey amount shows."))
	}
	for _, r := range q.Reps {
		line := views.WrappedLabel("")
		v.quotaLines[r.Rep] = line
		v.quotas.Add(line)
		if len(missing) > 0 {
			continue
		}
		v.quotas.Add(v.quotaEditor(r))
	}
	v.refreshQuotaLines()
	if len(missing) > 0 {
		v.adjust = widget.NewButtonWithIcon("Adjust quotas", theme.DocumentCreateIcon(), func() {
			v.ps.Do(func(ctx context.Context, s *data.DB) error { return s.SaveRows(ctx, model.TableQuotas, missing) }, func(err error) {
				if err != nil {
					v.ps.ShowError(err)
					return
				}
				c := model.Of(v.ps.Data())
				c.Quotas = append(c.Quotas, missing...)
				v.afterChange()
			})
		})
		v.quotas.Add(v.adjust)
	}
}

// quotaEditor edits one rep's quota settings; each change is saved at once
// and the quotas recomputed.
func (v *view) quotaEditor(r model.RepQuota) *fyne.Container {
	pd, c := v.data()
	loc, cur := pd.Locale, pd.Currency
	qs := c.QuotaOf(r.Rep)
	ramp, potential, fixed := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	if qs.RampMonths >= 0 {
		ramp.SetText(app.Itoa(qs.RampMonths))
	}
	ramp.SetPlaceHolder(fmt.Sprintf("%d (by level)", model.DefaultRamp[r.Level]))
	if qs.Potential > 0 {
		potential.SetText(loc.Money(qs.Potential, cur))
	}
	potential.SetPlaceHolder("from the history")
	if qs.Fixed {
		fixed.SetText(loc.Money(qs.Annual, cur))
	}
	fixed.SetPlaceHolder("computed")
	msg := views.NewProblemLabel()
	id, repID := qs.ID, r.Rep
	months := make([]*widget.Entry, len(r.Months))
	var monthCells []fyne.CanvasObject
	for mi := range r.Months {
		e := widget.NewEntry()
		if v := qs.FixedMonth(mi); v >= 0 {
			e.SetText(loc.Money(v, cur))
		}
		months[mi] = e
		monthCells = append(monthCells, views.NewField(loc.MonthName(pd.Plan.Start.Add(mi)), e, "").Box)
	}
	save := func(string) {
		c := model.Of(v.ps.Data())
		cq := c.QuotaOf(repID)
		if cq == nil {
			return
		}
		next := *cq
		var problems []string
		if t := strings.TrimSpace(ramp.Text); t == "" {
			next.RampMonths = -1
		} else if n, err := strconv.Atoi(t); err != nil {
			problems = append(problems, fmt.Sprintf("“%s” is not a number of months; enter a whole number such as 6, or leave it empty for the level's default.", t))
		} else {
			next.RampMonths = n
		}
		if t := strings.TrimSpace(potential.Text); t == "" {
			next.Potential = 0
		} else if x, err := loc.ParseMoney(t, cur); err != nil {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			next.Potential = x
		}
		if t := strings.TrimSpace(fixed.Text); t == "" {
			next.Fixed, next.Annual = false, 0
		} else if x, err := loc.ParseMoney(t, cur); err != nil {
			problems = append(problems, app.ErrorMessage(err))
		} else {
			next.Fixed, next.Annual = true, x
		}
		next.MonthFixed = nil
		anyFixed := false
		for mi, e := range months {
			v := int64(-1)
			if t := strings.TrimSpace(e.Text); t != "" {
				if x, err := loc.ParseMoney(t, cur); err != nil {
					problems = append(problems, fmt.Sprintf("%s: %s", loc.MonthName(pd.Plan.Start.Add(mi)), app.ErrorMessage(err)))
				} else {
					v, anyFixed = x, true
				}
			}
			next.MonthFixed = append(next.MonthFixed, v)
		}
		if !anyFixed {
			next.MonthFixed = nil
		}
		if !views.ShowProblems(msg, problems, next.Validate()) {
			return
		}
		*cq = next
		row := next
		v.ps.Save("team-quota-"+id, func(ctx context.Context, s *data.DB) error { return s.SaveRow(ctx, model.TableQuotas, &row) })
		v.ps.Changed()
		v.refreshQuotaLines()
	}
	for _, e := range append([]*widget.Entry{ramp, potential, fixed}, months...) {
		e.OnChanged = save
	}
	v.quotaEdits[repID] = [3]*widget.Entry{ramp, potential, fixed}
	v.quotaMonths[repID] = months
	v.quotaMsgs[repID] = msg
	v.setMonthHints(r)
	return container.NewVBox(container.NewGridWithColumns(3,
		views.NewField("Months to full productivity", ramp, "").Box,
		views.NewField("Region potential per year", potential, "").Box,
		views.NewField("Fixed quota", fixed, "").Box),
		container.NewGridWithColumns(6, monthCells...), msg)
}

// setMonthHints shows each computed month's quota as the placeholder of
// its entry.
func (v *view) setMonthHints(r model.RepQuota) {
	pd := v.ps.Data()
	for mi, e := range v.quotaMonths[r.Rep] {
		if mi < len(r.Months) {
			e.SetPlaceHolder(pd.Locale.MoneyCompact(r.Months[mi], pd.Currency))
		}
	}
}

// refreshQuotaLines updates the quota figures shown, keeping the editors.
func (v *view) refreshQuotaLines() {
	pd := v.ps.Data()
	q := model.FiguresOf(pd).Quotas
	if v.quotaSum != nil {
		v.quotaSum.SetText(fmt.Sprintf("The quotas split %s (%s) over %d reps. %s", pd.Locale.Money(q.Total, pd.Currency), q.TargetSource,
			len(q.Reps), model.RealismRule))
	}
	for _, r := range q.Reps {
		if l := v.quotaLines[r.Rep]; l != nil {
			l.SetText(quotaLine(pd, r))
		}
		v.setMonthHints(r)
	}
}
