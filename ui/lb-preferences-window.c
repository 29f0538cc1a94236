/* lb-preferences-window.c
 *
 * Every control is bound to its GSettings key, so a change applies at once and the
 * window needs no Save button (the GNOME pattern).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-preferences-window.h"
#include "lb-settings.h"

struct _LbPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (LbPreferencesWindow, lb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GtkWidget *
new_spin_row (GSettings  *settings,
              const char *key,
              const char *title,
              const char *subtitle,
              double      lower,
              double      upper,
              double      step,
              guint       digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

/* A string key with choices, shown as a combo row of @labels (NULL: the values themselves). */
typedef struct
{
  GSettings         *settings;
  const char        *key;
  const char *const *values;
} ChoiceBinding;

static void
on_choice_selected (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    ChoiceBinding *binding)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected != GTK_INVALID_LIST_POSITION && selected < g_strv_length ((char **) binding->values))
    g_settings_set_string (binding->settings, binding->key, binding->values[selected]);
}

static GtkWidget *
new_choice_row (GSettings         *settings,
                const char        *key,
                const char        *title,
                const char        *subtitle,
                const char *const *values,
                const char *const *labels)
{
  g_autofree char *current = g_settings_get_string (settings, key);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  ChoiceBinding *binding = g_new0 (ChoiceBinding, 1);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, labels != NULL ? _(labels[i]) : values[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], current) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  gtk_widget_set_name (row, key);
  binding->settings = settings;
  binding->key = key;
  binding->values = values;
  g_object_set_data_full (G_OBJECT (row), "lb-choice-binding", binding, g_free);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected), binding);
  return row;
}

static GtkWidget *
new_entry_row (GSettings  *settings,
               const char *key,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, key);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/* A URL key: written when the user applies it (Enter or the apply button), not on every
 * keystroke, so a half-typed address is never used; an empty one brings the default back. */
static void
on_url_applied (AdwEntryRow *row,
                GSettings   *settings)
{
  const char *key = gtk_widget_get_name (GTK_WIDGET (row));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    {
      g_autofree char *current = NULL;

      g_settings_reset (settings, key);
      current = g_settings_get_string (settings, key);
      gtk_editable_set_text (GTK_EDITABLE (row), current);
    }
  else
    g_settings_set_string (settings, key, text);
}

static GtkWidget *
new_url_row (GSettings  *settings,
             const char *key,
             const char *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *current = g_settings_get_string (settings, key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, key);
  gtk_editable_set_text (GTK_EDITABLE (row), current);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  g_signal_connect (row, "apply", G_CALLBACK (on_url_applied), settings);
  return row;
}

/* The choices of the schema's keys, in its order. */
static const char *const currency_codes[] = { "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
                                              "CAD", "AUD", "JPY", "INR", "BRL", NULL };
static const char *const paper_values[] = { "a4", "letter", NULL };
static const char *const paper_labels[] = { N_("A4 (210 × 297 mm)"), N_("US Letter (8.5 × 11 in)"), NULL };

LbPreferencesWindow *
lb_preferences_window_new (GtkWindow *parent)
{
  g_autoptr(GSettings) settings = lb_settings_new ();
  LbPreferencesWindow *self;
  GtkWidget *page, *group;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (settings == NULL)
    return NULL;
  self = g_object_new (LB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->settings = g_steal_pointer (&settings);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Projects"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What a new project starts with; each project can change them."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (self->settings, "new-project-lag-threshold", _("Lag threshold"),
                                           _("Seconds of replication lag the link may reach"), 1, 3600, 1, 0));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (self->settings, "new-project-downtime-target", _("Downtime target"),
                                           _("Minutes the cutover may take from the workload stop"), 1, 10080, 5,
                                           0));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Replication Lag"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (self->settings, "sampling-interval", _("Sampling interval"),
                                           _("Seconds between two lag samples read from SQL Server"), 1, 3600,
                                           1, 0));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Costs"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_choice_row (self->settings, "default-currency", _("Currency of new costs"),
                                             _("Amounts are kept in their own currency, never converted"),
                                             currency_codes, NULL));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Reports"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Applied to every cutover report exported from now on."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (self->settings, "go-rehearsals-required", _("Rehearsals required"),
                                           _("Successful failover rehearsals before a project is ready"), 1, 20,
                                           1, 0));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_choice_row (self->settings, "report-paper-size", _("Paper size"),
                                             _("The page size of PDF reports"), paper_values, paper_labels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_entry_row (self->settings, "report-organisation", _("Organisation on the cover")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Azure"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Where Refresh from Azure reads managed instances and links: the "
                                           "public cloud's endpoint, or a sovereign cloud's. Empty restores the "
                                           "public cloud."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_url_row (self->settings, "arm-base-url", _("Azure Resource Manager endpoint")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return self;
}

static void
lb_preferences_window_dispose (GObject *object)
{
  LbPreferencesWindow *self = LB_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lb_preferences_window_parent_class)->dispose (object);
}

static void
lb_preferences_window_class_init (LbPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_preferences_window_dispose;
}

static void
lb_preferences_window_init (LbPreferencesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 780);
}
