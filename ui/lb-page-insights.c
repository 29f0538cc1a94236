/* lb-page-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-page-insights"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-page-insights.h"
#include "lb-record-list-page.h"
#include "lb-record-summary.h"

static GtkWidget *
new_value_label (const char *text,
                 const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "insight-value");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  return label;
}

/* ---- readiness: the gate's verdict ------------------------------------------------------------ */

static GtkWidget *
new_readiness_header (GPtrArray *records)
{
  g_autoptr(LbReadinessVerdict) verdict = lb_readiness_gate_evaluate (records);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *detail;
  g_autofree char *counts = NULL;
  g_autofree char *prerequisites = NULL;

  gtk_widget_add_css_class (box, "verdict-banner");
  gtk_widget_add_css_class (box, "readiness-gate");
  gtk_widget_add_css_class (box, verdict->production_ready ? "success" : "warning");

  icon = gtk_image_new_from_icon_name (verdict->production_ready ? "emblem-ok-symbolic"
                                                                 : "dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), icon);

  /* The core's sentence says ready or what is missing. */
  title = gtk_label_new (verdict->summary);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (title, "verdict-summary");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), title);

  /* TRANSLATORS: the readiness gate's count, "4 of 5 controls clear" */
  counts = g_strdup_printf (_("%u of %u controls clear"), verdict->n_controls_clear, (guint) LB_N_CONTROLS);
  if (verdict->n_prerequisites == 0)
    prerequisites = g_strdup (_("no prerequisites recorded"));
  else
    /* TRANSLATORS: "0 of 3 prerequisites blocked" */
    prerequisites = g_strdup_printf (ngettext ("%u of %u prerequisite blocked", "%u of %u prerequisites blocked",
                                             verdict->n_prerequisites),
                                   verdict->n_prerequisites_blocked, verdict->n_prerequisites);
  {
    g_autofree char *text = g_strdup_printf ("%s · %s", counts, prerequisites);

    detail = gtk_label_new (text);
  }
  gtk_widget_add_css_class (detail, "verdict-detail");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, verdict->summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (GTK_LABEL (detail)),
                                  -1);
  return box;
}

/* ---- capacity: findings with their headroom --------------------------------------------------- */

static const char *
finding_unit (LbCapacityCheck check)
{
  switch (check)
    {
    case LB_CAPACITY_CHECK_LOG_RATE:
    case LB_CAPACITY_CHECK_LOG_RATE_PEAK:
    case LB_CAPACITY_CHECK_DB_LOG_RATE:
      return "MiB/s";
    case LB_CAPACITY_CHECK_IOPS:
    case LB_CAPACITY_CHECK_IOPS_INCLUDED:
      return "IOPS";
    case LB_CAPACITY_CHECK_THROUGHPUT:
    case LB_CAPACITY_CHECK_THROUGHPUT_INCLUDED:
      return "MB/s";
    case LB_CAPACITY_CHECK_IO_LATENCY:
      return "ms";
    case LB_CAPACITY_CHECK_CPU:
      return "%";
    case LB_CAPACITY_CHECK_SKU:
    default:
      return NULL;
    }
}

static char *
format_figure (double value)
{
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

char *
lb_page_insights_headroom_text (const LbCapacityFinding *finding)
{
  const char *unit;
  g_autofree char *limit = NULL;
  g_autofree char *pct = NULL;

  g_return_val_if_fail (finding != NULL, NULL);

  /* Latency is a class to compare with, not a cap: the message says it. */
  if (isnan (finding->limit) || finding->check == LB_CAPACITY_CHECK_IO_LATENCY)
    return NULL;
  unit = finding_unit (finding->check);
  limit = format_figure (finding->limit);
  if (isnan (finding->headroom_pct))
    /* TRANSLATORS: a capacity limit, "36 MiB/s cap" */
    return g_strdup_printf (_("%s %s cap"), limit, unit != NULL ? unit : "");
  pct = g_strdup_printf ("%.0f", fabs (finding->headroom_pct));
  if (finding->headroom_pct < 0)
    /* TRANSLATORS: a limit and how far a measurement exceeds it, "36 MiB/s cap, 14 % over" */
    return g_strdup_printf (_("%s %s cap, %s %% over"), limit, unit != NULL ? unit : "", pct);
  /* TRANSLATORS: a limit and the room left under it, "36 MiB/s cap, 22 % headroom" */
  return g_strdup_printf (_("%s %s cap, %s %% headroom"), limit, unit != NULL ? unit : "", pct);
}

static const char *
finding_icon (LbCapacityStatus status,
              LbTone          *tone)
{
  switch (status)
    {
    case LB_CAPACITY_OK:
      *tone = LB_TONE_SUCCESS;
      return "emblem-ok-symbolic";
    case LB_CAPACITY_WARNING:
      *tone = LB_TONE_WARNING;
      return "dialog-warning-symbolic";
    case LB_CAPACITY_FAIL:
      *tone = LB_TONE_ERROR;
      return "dialog-error-symbolic";
    case LB_CAPACITY_UNKNOWN:
      *tone = LB_TONE_WARNING;
      return "dialog-question-symbolic";
    case LB_CAPACITY_NOTE:
    default:
      *tone = LB_TONE_NONE;
      return "dialog-information-symbolic";
    }
}

static const char *
finding_status_label (LbCapacityStatus status)
{
  switch (status)
    {
    case LB_CAPACITY_OK:
      return _("Within the limit");
    case LB_CAPACITY_WARNING:
      return _("Warning");
    case LB_CAPACITY_FAIL:
      return _("Over the limit");
    case LB_CAPACITY_UNKNOWN:
      return _("Inconclusive");
    case LB_CAPACITY_NOTE:
    default:
      return _("Not checked");
    }
}

gboolean
lb_page_insights_expands (const LbRecordKind *kind)
{
  return kind == &lb_capacity_test_kind;
}

void
lb_page_insights_add_rows (AdwExpanderRow *row,
                           gconstpointer   record)
{
  g_autoptr(LbCapacityResult) result = NULL;
  LbRecordSummary summary;

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (record != NULL);

  if (lb_record_get_kind (record) != &lb_capacity_test_kind)
    return;

  /* What was tested against what, as the row said before the verdict took its place. */
  lb_record_summary_init (&summary, record, NULL, 0);
  if (summary.details != NULL)
    {
      GtkWidget *details = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (details), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details), summary.details);
      gtk_widget_add_css_class (details, "capacity-details");
      adw_expander_row_add_row (row, details);
    }
  lb_record_summary_clear (&summary);

  result = lb_capacity_evaluate (record);
  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = g_ptr_array_index (result->findings, i);
      GtkWidget *finding_row = adw_action_row_new ();
      g_autofree char *headroom = lb_page_insights_headroom_text (finding);
      LbTone tone = LB_TONE_NONE;
      const char *icon_name = finding_icon (finding->status, &tone);
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
      const char *tone_class = lb_record_summary_tone_class (tone);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (finding_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (finding_row), finding->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (finding_row), 3);
      gtk_widget_add_css_class (finding_row, "capacity-finding");
      if (headroom != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (finding_row), headroom);

      if (tone_class != NULL)
        gtk_widget_add_css_class (icon, tone_class);
      gtk_widget_set_tooltip_text (icon, finding_status_label (finding->status));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      finding_status_label (finding->status), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (finding_row), icon);
      adw_expander_row_add_row (row, finding_row);
    }
}

/* ---- costs: the summary per currency ---------------------------------------------------------- */

static GtkWidget *
new_amount_row (const char *title,
                const char *subtitle,
                gint64      minor,
                const char *currency,
                const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *money = lb_record_summary_format_money (minor, currency);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_value_label (money, name));
  return row;
}

/* A category's or a tag's share: its total, with the one-off and monthly parts beneath. */
static GtkWidget *
new_rollup_row (const LbCostRollup *rollup,
                const char         *title,
                const char         *currency,
                const char         *name)
{
  g_autofree char *one_off = lb_record_summary_format_money (rollup->amounts.one_off, NULL);
  g_autofree char *monthly = lb_record_summary_format_money (rollup->amounts.monthly, NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (rollup->amounts.one_off != 0)
    /* TRANSLATORS: a cost category's one-off amount, "11,500.00 one-off" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s one-off"), one_off));
  if (rollup->amounts.monthly != 0)
    /* TRANSLATORS: a cost category's monthly run rate, "4,200.00 / month" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s / month"), monthly));
  if (rollup->amounts.n_open_ended > 0)
    g_ptr_array_add (parts, g_strdup (_("open-ended")));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  return new_amount_row (title, *subtitle != '\0' ? subtitle : NULL, rollup->amounts.total, currency, name);
}

static GtkWidget *
new_cost_header (LbStore         *store,
                 const LbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbCostSummary) summary = NULL;
  const LbFieldInfo *category_field = lb_record_kind_find_field (&lb_cost_item_kind, "category");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_add_css_class (box, "cost-summary");
  summary = lb_cost_summary_load (store, LB_RECORD_ID_CONST (project), &error);
  if (summary == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      return box;
    }

  for (guint i = 0; i < summary->currencies->len; i++)
    {
      const LbCostTotals *totals = g_ptr_array_index (summary->currencies, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = NULL;
      g_autofree char *open_ended = NULL;
      g_autofree char *name = NULL;
      GtkWidget *categories;

      /* TRANSLATORS: the cost summary of one currency, "Cost in EUR" */
      title = g_strdup_printf (_("Cost in %s"), totals->currency);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      gtk_widget_add_css_class (group, "cost-currency");
      gtk_widget_set_name (group, totals->currency);

      name = g_strdup_printf ("cost-one-off-%s", totals->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_amount_row (_("One-off"), NULL, totals->amounts.one_off, totals->currency,
                                                 name));
      g_free (name);
      name = g_strdup_printf ("cost-monthly-%s", totals->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_amount_row (_("Monthly run rate"), NULL, totals->amounts.monthly,
                                                 totals->currency, name));
      if (totals->amounts.n_open_ended > 0)
        /* TRANSLATORS: monthly costs without an end, left out of the total */
        open_ended = g_strdup_printf (ngettext ("Without %u open-ended monthly item",
                                                "Without %u open-ended monthly items",
                                                totals->amounts.n_open_ended),
                                      totals->amounts.n_open_ended);
      g_free (name);
      name = g_strdup_printf ("cost-total-%s", totals->currency);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_amount_row (_("Total cost of the migration"), open_ended,
                                                 totals->amounts.total, totals->currency, name));

      categories = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (categories), _("By category"));
      gtk_widget_add_css_class (categories, "cost-categories");
      for (guint c = 0; c < totals->by_category->len; c++)
        {
          const LbCostRollup *rollup = g_ptr_array_index (totals->by_category, c);
          g_autofree char *row_name = g_strdup_printf ("cost-category-%s-%s", totals->currency,
                                                       lb_enum_info_nick (category_field->enum_info,
                                                                          rollup->category));

          adw_expander_row_add_row (ADW_EXPANDER_ROW (categories),
                                    new_rollup_row (rollup,
                                                    lb_enum_info_label (category_field->enum_info, rollup->category),
                                                    totals->currency, row_name));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), categories);

      if (totals->by_tag->len > 0)
        {
          GtkWidget *tags = adw_expander_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tags), _("By tag"));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (tags),
                                         _("An item with several tags counts under each"));
          gtk_widget_add_css_class (tags, "cost-tags");
          for (guint t = 0; t < totals->by_tag->len; t++)
            {
              const LbCostRollup *rollup = g_ptr_array_index (totals->by_tag, t);
              g_autofree char *tag = lb_cost_tag_format (rollup->tag_key, rollup->tag_value);
              g_autofree char *row_name = g_strdup_printf ("cost-tag-%s-%s", totals->currency, tag);

              adw_expander_row_add_row (ADW_EXPANDER_ROW (tags),
                                        new_rollup_row (rollup, tag, totals->currency, row_name));
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), tags);
        }
      gtk_box_append (GTK_BOX (box), group);
    }
  return box;
}

/* ---- risks: the heat map ---------------------------------------------------------------------- */

#define CELL_SIZE 44
#define AXIS_SIZE 28

typedef struct
{
  LbRiskHeatMap  map;
  LbRiskCell     cell;
  LbRiskCellFunc func;
  GWeakRef       data;  /* the page */
  int            click_likelihood;
  int            click_impact;
  int            focus_likelihood; /* the keyboard's cell */
  int            focus_impact;
} HeatMap;

static void
heat_map_free (gpointer data)
{
  HeatMap *heat_map = data;

  g_weak_ref_clear (&heat_map->data);
  g_free (heat_map);
}

static void
band_rgb (int     band,
          double *rgb)
{
  /* The Adwaita palette: green 3, yellow 3, orange 3, red 3. */
  static const double colours[LB_RISK_N_BANDS][3] = {
    { 0x57 / 255.0, 0xe3 / 255.0, 0x89 / 255.0 },
    { 0xf6 / 255.0, 0xd3 / 255.0, 0x2d / 255.0 },
    { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0 },
    { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  };

  band = CLAMP (band, 0, LB_RISK_N_BANDS - 1);
  rgb[0] = colours[band][0];
  rgb[1] = colours[band][1];
  rgb[2] = colours[band][2];
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      cx,
           double      cy,
           gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  int width, height;

  if (bold)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

      pango_layout_set_markup (layout, markup, -1);
    }
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, cx - width / 2.0, cy - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
heat_map_draw (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  HeatMap *heat_map = data;
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  for (int l = 1; l <= LB_RISK_SCALE; l++)
    for (int i = 1; i <= LB_RISK_SCALE; i++)
      {
        double x = AXIS_SIZE + (i - 1) * CELL_SIZE;
        double y = (LB_RISK_SCALE - l) * CELL_SIZE;
        guint n = heat_map->map.cells[l - 1][i - 1];
        gboolean selected = heat_map->cell.likelihood == l && heat_map->cell.impact == i;
        double rgb[3];

        band_rgb (lb_risk_band_for_score ((gint64) l * i), rgb);
        cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], n > 0 ? 0.85 : 0.3);
        cairo_rectangle (cr, x + 1, y + 1, CELL_SIZE - 2, CELL_SIZE - 2);
        cairo_fill (cr);
        if (selected)
          {
            cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 1);
            cairo_set_line_width (cr, 3);
            cairo_rectangle (cr, x + 2.5, y + 2.5, CELL_SIZE - 5, CELL_SIZE - 5);
            cairo_stroke (cr);
          }
        if (gtk_widget_has_focus (widget) && heat_map->focus_likelihood == l && heat_map->focus_impact == i)
          {
            static const double dash[] = { 3, 2 };

            cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 1);
            cairo_set_line_width (cr, 1.5);
            cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
            cairo_rectangle (cr, x + 6.5, y + 6.5, CELL_SIZE - 13, CELL_SIZE - 13);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
        if (n > 0)
          {
            g_autofree char *count = g_strdup_printf ("%u", n);

            cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
            draw_text (widget, cr, count, x + CELL_SIZE / 2.0, y + CELL_SIZE / 2.0, TRUE);
          }
      }

  /* Axes: likelihood up the left, impact along the bottom. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  for (int k = 1; k <= LB_RISK_SCALE; k++)
    {
      g_autofree char *number = g_strdup_printf ("%d", k);

      draw_text (widget, cr, number, AXIS_SIZE / 2.0, (LB_RISK_SCALE - k + 0.5) * CELL_SIZE, FALSE);
      draw_text (widget, cr, number, AXIS_SIZE + (k - 0.5) * CELL_SIZE,
                 LB_RISK_SCALE * CELL_SIZE + AXIS_SIZE / 2.0, FALSE);
    }
}

/* @data: the drawing area, which holds its HeatMap. */
static gboolean
heat_map_notify_click (gpointer data)
{
  HeatMap *heat_map = g_object_get_data (G_OBJECT (data), "lb-heat-map");
  g_autoptr(GObject) page = NULL;
  LbRiskCellFunc func;
  int likelihood, impact, focus_likelihood, focus_impact;
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (data));

  if (heat_map == NULL || heat_map->func == NULL)
    return G_SOURCE_REMOVE;
  page = g_weak_ref_get (&heat_map->data);
  if (page == NULL)
    return G_SOURCE_REMOVE;
  /* The call rebuilds the header and frees @heat_map. */
  func = heat_map->func;
  likelihood = heat_map->click_likelihood;
  impact = heat_map->click_impact;
  focus_likelihood = heat_map->focus_likelihood;
  focus_impact = heat_map->focus_impact;
  func (page, likelihood, impact);

  /* The keyboard stays where it was, on the new map. */
  if (had_focus && LB_IS_RECORD_LIST_PAGE (page))
    {
      GtkWidget *header = lb_record_list_page_get_header (LB_RECORD_LIST_PAGE (page));
      GtkWidget *area = header != NULL ? g_object_get_data (G_OBJECT (header), "lb-heat-map-area") : NULL;

      if (area != NULL)
        {
          HeatMap *new_map = g_object_get_data (G_OBJECT (area), "lb-heat-map");

          new_map->focus_likelihood = focus_likelihood;
          new_map->focus_impact = focus_impact;
          gtk_widget_grab_focus (area);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
heat_map_request (GtkWidget *area,
                  int        likelihood,
                  int        impact)
{
  HeatMap *heat_map = g_object_get_data (G_OBJECT (area), "lb-heat-map");

  heat_map->click_likelihood = likelihood;
  heat_map->click_impact = impact;
  /* The page rebuilds this widget: not from inside its own handler. */
  g_idle_add_full (G_PRIORITY_DEFAULT, heat_map_notify_click, g_object_ref (area), g_object_unref);
}

static void
on_show_all_clicked (GtkButton *button,
                     GtkWidget *area)
{
  heat_map_request (area, 0, 0);
}

static void
heat_map_clicked (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  HeatMap         *heat_map)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int impact = (int) floor ((x - AXIS_SIZE) / CELL_SIZE) + 1;
  int likelihood = LB_RISK_SCALE - (int) floor (y / CELL_SIZE);

  if (x < AXIS_SIZE || impact < 1 || impact > LB_RISK_SCALE || likelihood < 1 || likelihood > LB_RISK_SCALE)
    return;
  if (heat_map->cell.likelihood == likelihood && heat_map->cell.impact == impact)
    likelihood = impact = 0;
  heat_map_request (area, likelihood, impact);
}

static gboolean
heat_map_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      HeatMap               *heat_map)
{
  GtkWidget *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      heat_map->focus_impact = MAX (1, heat_map->focus_impact - 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      heat_map->focus_impact = MIN (LB_RISK_SCALE, heat_map->focus_impact + 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      heat_map->focus_likelihood = MIN (LB_RISK_SCALE, heat_map->focus_likelihood + 1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      heat_map->focus_likelihood = MAX (1, heat_map->focus_likelihood - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (heat_map->cell.likelihood == heat_map->focus_likelihood && heat_map->cell.impact == heat_map->focus_impact)
        heat_map_request (area, 0, 0);
      else
        heat_map_request (area, heat_map->focus_likelihood, heat_map->focus_impact);
      return TRUE;
    default:
      return FALSE;
    }
  {
    /* TRANSLATORS: the heat-map cell the keyboard is on, "Likelihood 4 × impact 5: 2 risks" */
    guint n = heat_map->map.cells[heat_map->focus_likelihood - 1][heat_map->focus_impact - 1];
    g_autofree char *text = g_strdup_printf (ngettext ("Likelihood %d × impact %d: %u risk",
                                                       "Likelihood %d × impact %d: %u risks", n),
                                             heat_map->focus_likelihood, heat_map->focus_impact, n);

    gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
    gtk_widget_set_tooltip_text (area, text);
  }
  gtk_widget_queue_draw (area);
  return TRUE;
}

static void
heat_map_focus_changed (GtkWidget *area)
{
  gtk_widget_queue_draw (area);
}

static char *
heat_map_description (const LbRiskHeatMap *map)
{
  GString *s = g_string_new (NULL);

  for (int l = LB_RISK_SCALE; l >= 1; l--)
    for (int i = LB_RISK_SCALE; i >= 1; i--)
      {
        guint n = map->cells[l - 1][i - 1];

        if (n == 0)
          continue;
        if (s->len > 0)
          g_string_append (s, "; ");
        /* TRANSLATORS: one cell of the risk heat map, "likelihood 4 × impact 5: 2 risks" */
        g_string_append_printf (s, ngettext ("likelihood %d × impact %d: %u risk",
                                             "likelihood %d × impact %d: %u risks", n), l, i, n);
      }
  if (s->len == 0)
    g_string_append (s, _("No scored open risks"));
  return g_string_free (s, FALSE);
}

static GtkWidget *
new_risk_header (GPtrArray        *records,
                 const LbRiskCell *cell,
                 LbRiskCellFunc    cell_func,
                 gpointer          cell_data)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *legend;
  GtkGesture *click;
  HeatMap *heat_map = g_new0 (HeatMap, 1);
  g_autofree char *description = NULL;

  lb_risk_heat_map (records, FALSE, &heat_map->map);
  if (cell != NULL)
    heat_map->cell = *cell;
  heat_map->func = cell_func;
  g_weak_ref_init (&heat_map->data, cell_data);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Heat Map"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Open risks by likelihood (up) and impact (across); click a cell to "
                                           "list only its risks"));
  gtk_widget_add_css_class (group, "risk-heat-map");

  gtk_widget_set_name (area, "risk-heat-map");
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), AXIS_SIZE + LB_RISK_SCALE * CELL_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), AXIS_SIZE + LB_RISK_SCALE * CELL_SIZE);
  g_object_set_data_full (G_OBJECT (area), "lb-heat-map", heat_map, heat_map_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), heat_map_draw, heat_map, NULL);
  gtk_widget_set_halign (area, GTK_ALIGN_START);
  gtk_widget_set_valign (area, GTK_ALIGN_START);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (heat_map_clicked), heat_map);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));

  /* The keyboard: arrows move between cells, Enter or Space chooses one. */
  heat_map->focus_likelihood = heat_map->cell.likelihood > 0 ? heat_map->cell.likelihood : LB_RISK_SCALE;
  heat_map->focus_impact = heat_map->cell.impact > 0 ? heat_map->cell.impact : LB_RISK_SCALE;
  gtk_widget_set_focusable (area, TRUE);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (heat_map_key_pressed), heat_map);
    gtk_widget_add_controller (area, keys);
    g_signal_connect_swapped (focus, "enter", G_CALLBACK (heat_map_focus_changed), area);
    g_signal_connect_swapped (focus, "leave", G_CALLBACK (heat_map_focus_changed), area);
    gtk_widget_add_controller (area, focus);
  }
  g_object_set_data (G_OBJECT (group), "lb-heat-map-area", area);

  description = heat_map_description (&heat_map->map);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Risk heat map"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Left Right Up Down Enter",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (area, description);
  gtk_box_append (GTK_BOX (box), area);

  /* Legend and the current filter. */
  for (int band = LB_RISK_N_BANDS - 1; band >= 0; band--)
    {
      GtkWidget *label = gtk_label_new (lb_enum_info_label (&lb_risk_band_enum, band));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "risk-band");
      gtk_widget_add_css_class (label, lb_enum_info_nick (&lb_risk_band_enum, band));
      gtk_box_append (GTK_BOX (side), label);
    }
  if (heat_map->map.n_unscored > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u open risk not scored", "%u open risks not scored",
                                                         heat_map->map.n_unscored),
                                               heat_map->map.n_unscored);

      legend = gtk_label_new (text);
      gtk_widget_add_css_class (legend, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (legend), 0);
      gtk_box_append (GTK_BOX (side), legend);
    }
  if (cell != NULL && cell->likelihood > 0)
    {
      g_autofree char *text = NULL;
      GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Show All Risks"));

      /* TRANSLATORS: the risk list is narrowed to one heat-map cell */
      text = g_strdup_printf (_("Showing likelihood %d × impact %d"), cell->likelihood, cell->impact);
      legend = gtk_label_new (text);
      gtk_widget_add_css_class (legend, "heat-map-filter");
      gtk_label_set_xalign (GTK_LABEL (legend), 0);
      gtk_label_set_wrap (GTK_LABEL (legend), TRUE);
      gtk_widget_set_margin_top (legend, 12);
      gtk_box_append (GTK_BOX (side), legend);

      gtk_widget_add_css_class (clear, "pill");
      gtk_widget_add_css_class (clear, "heat-map-clear");
      gtk_widget_set_halign (clear, GTK_ALIGN_START);
      g_signal_connect (clear, "clicked", G_CALLBACK (on_show_all_clicked), area);
      gtk_box_append (GTK_BOX (side), clear);
    }
  gtk_box_append (GTK_BOX (box), side);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

gboolean
lb_page_insights_risk_in_cell (const LbRisk     *risk,
                               const LbRiskCell *cell)
{
  g_return_val_if_fail (risk != NULL, FALSE);

  if (cell == NULL || cell->likelihood <= 0)
    return TRUE;
  return risk->status != LB_RISK_CLOSED && risk->likelihood == cell->likelihood && risk->impact == cell->impact;
}

GtkWidget *
lb_page_insights_new_header (const LbRecordKind *kind,
                             LbStore            *store,
                             const LbProject    *project,
                             GPtrArray          *records,
                             const LbRiskCell   *cell,
                             LbRiskCellFunc      cell_func,
                             gpointer            cell_data)
{
  g_return_val_if_fail (kind != NULL, NULL);

  if (records == NULL || records->len == 0)
    return NULL;
  if (kind == &lb_readiness_item_kind)
    return new_readiness_header (records);
  if (kind == &lb_cost_item_kind && store != NULL && project != NULL)
    return new_cost_header (store, project);
  if (kind == &lb_risk_kind)
    return new_risk_header (records, cell, cell_func, cell_data);
  return NULL;
}
