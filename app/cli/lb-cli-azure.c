/* lb-cli-azure.c: linkbench-cli azure sync — read the project's link target from Azure
 * Resource Manager with the Azure CLI's token, keep it as evidence and check it for drift —
 * and azure show — the newest link and instance state kept for the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lb-cli.h"

static void
print_usage (void)
{
  g_print ("%s\n%s\n%s\n\n%s\n\n%s\n",
           _("Usage: linkbench-cli [--db PATH] [--json] azure sync --project P [--arm-url URL]\n"
             "                     [--auth cli|service-principal|device-code --client-id ID [--tenant T] [--login-url URL]]"),
           _("       linkbench-cli [--db PATH] [--json] azure show --project P"),
           _("       linkbench-cli [--db PATH] azure secret --client-id ID --tenant T"),
           _("sync reads the managed instance, its links and its databases of the project's Azure target from\n"
             "Azure Resource Manager (--arm-url, default https://management.azure.com) with a token from the\n"
             "Azure CLI (`az account get-access-token`; sign in with `az login` first), keeps each answer as\n"
             "ARM JSON evidence (all or nothing), and runs a drift check when the project has an approved\n"
             "design. The signed-in identity needs Reader on the managed instance.\n"
             "show prints the newest link and instance state kept among the project's evidence: link state,\n"
             "replication and failover mode, roles, each database's replica state, health, connection and\n"
             "last hardened time, the certificate's expiry, and the instance's tier, vCores, storage and\n"
             "state."),
           _("--auth service-principal signs in as an application with the client secret that `azure secret`\n"
             "kept in the keyring (read from the terminal or standard input); --auth device-code prints a code\n"
             "to enter at Microsoft's sign-in page and waits. The tenant is the project target's unless given."));
}

static gboolean
project_target (LbCli          *cli,
                gint64          project_id,
                LbAzureTarget **target,
                GError        **error)
{
  g_autoptr(GPtrArray) targets = lb_store_list_for_project (cli->store, &lb_azure_target_kind, project_id, error);

  if (targets == NULL)
    return FALSE;
  *target = targets->len > 0 ? g_ptr_array_steal_index (targets, 0) : NULL;
  return TRUE;
}

static void
print_sync_json (LbCli                 *cli,
                 const LbArmSyncResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->evidence_ids->len; i++)
    {
      gint64 id = g_array_index (result->evidence_ids, gint64, i);
      LbEvidence *evidence = lb_store_get (cli->store, &lb_evidence_kind, id, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, evidence != NULL ? evidence->title : NULL);
      json_builder_end_object (builder);
      lb_record_free (evidence);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "drift_check");
  if (result->drift_outcome >= 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, result->drift_check_id);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, lb_drift_outcome_enum.values[result->drift_outcome].nick);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, result->drift_summary);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "drift_error");
  json_builder_add_string_value (builder, result->drift_error);
  json_builder_set_member_name (builder, "lag_samples");
  json_builder_add_int_value (builder, (gint64) result->lag_samples);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  lb_cli_print_json (root);
}

/* The token --auth asks for: the Azure CLI's (default), a service principal's, or one a
 * person signs in for with a device code. */
static int
sync_token (LbCli         *cli,
            GArray        *options,
            gint64         project_id,
            const char    *arm_url,
            LbHttpClient  *client,
            LbAzureToken **token)
{
  const char *auth = lb_cli_option_get (options, "auth");
  const char *client_id = lb_cli_option_get (options, "client-id");
  const char *login_url = lb_cli_option_get (options, "login-url");
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = g_strdup (lb_cli_option_get (options, "tenant"));

  if (auth == NULL || g_str_equal (auth, "cli"))
    {
      *token = lb_arm_sync_token_from_cli (cli->store, project_id, arm_url, lb_time_now_ms (), NULL, &error);
      return *token != NULL ? LB_CLI_OK : lb_cli_report_error (cli, error);
    }
  if (!g_str_equal (auth, "service-principal") && !g_str_equal (auth, "device-code"))
    return lb_cli_usage_error (_("--auth: cli, service-principal or device-code"));
  if (client_id == NULL)
    return lb_cli_usage_error (_("--auth %s needs --client-id"), auth);
  if (login_url != NULL && !g_str_has_prefix (login_url, "https://") && !g_str_has_prefix (login_url, "http://"))
    return lb_cli_usage_error (_("--login-url must be an http or https URL"));
  if (tenant == NULL)
    {
      LbAzureTarget *target = NULL;

      if (!project_target (cli, project_id, &target, &error))
        return lb_cli_report_error (cli, error);
      tenant = g_strdup (target->tenant_id);
      lb_record_free (target);
      if (tenant == NULL)
        return lb_cli_usage_error (_("the project's Azure target names no tenant: give --tenant"));
    }
  if (g_str_equal (auth, "service-principal"))
    *token = lb_azure_login_service_principal (client, login_url, tenant, client_id, lb_time_now_ms (), NULL, &error);
  else
    {
      g_autoptr(LbDeviceCode) code = lb_azure_login_device_code (client, login_url, tenant, client_id,
                                                                 lb_time_now_ms (), NULL, &error);

      if (code != NULL)
        {
          g_printerr ("%s\n", code->message);
          *token = lb_azure_login_device_wait (client, login_url, tenant, client_id, code, NULL, &error);
        }
    }
  return *token != NULL ? LB_CLI_OK : lb_cli_report_error (cli, error);
}

static int
azure_secret (LbCli  *cli,
              GArray *options)
{
  g_autoptr(GError) error = NULL;
  const char *client_id = lb_cli_option_get (options, "client-id");
  const char *tenant = lb_cli_option_get (options, "tenant");
  char *secret;
  gboolean ok;

  if (client_id == NULL || tenant == NULL)
    return lb_cli_usage_error (_("azure secret needs --client-id and --tenant"));
  if ((secret = lb_cli_read_secret (_("Client secret: "))) == NULL)
    return lb_cli_usage_error (_("no secret given on standard input"));
  ok = lb_azure_login_save_secret (tenant, client_id, secret, NULL, &error);
  lb_sql_profile_free_secret_string (secret);
  if (!ok)
    return lb_cli_report_error (cli, error);
  g_print (_("Saved the client secret of %s in the keyring.\n"), client_id);
  return LB_CLI_OK;
}

static int
azure_sync (LbCli  *cli,
            GArray *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbAzureToken) token = NULL;
  g_autoptr(LbHttpClient) client = NULL;
  g_autoptr(LbArmSyncResult) result = NULL;
  g_autofree char *base = NULL;
  const char *arm_url = lb_cli_option_get (options, "arm-url");
  LbProject *project;
  gint64 project_id;
  int status;

  if (arm_url != NULL && !g_str_has_prefix (arm_url, "https://") && !g_str_has_prefix (arm_url, "http://"))
    return lb_cli_usage_error (_("--arm-url must be an http or https URL"));
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  project_id = project->id;
  lb_record_free (project);
  base = g_strdup (arm_url != NULL ? arm_url : LB_ARM_DEFAULT_BASE_URL);
  client = lb_http_client_new ();
  if ((status = sync_token (cli, options, project_id, base, client, &token)) != LB_CLI_OK)
    return status;

  result = lb_arm_sync_project (cli->store, project_id, client, base, token, lb_time_now_ms (), NULL, &error);
  if (result == NULL)
    return lb_cli_report_error (cli, error);

  if (cli->json)
    print_sync_json (cli, result);
  else
    {
      for (guint i = 0; i < result->evidence_ids->len; i++)
        {
          gint64 id = g_array_index (result->evidence_ids, gint64, i);
          LbEvidence *evidence = lb_store_get (cli->store, &lb_evidence_kind, id, NULL);

          /* TRANSLATORS: "Stored evidence 12: ARM managed instance (managedInstances/mi-1)" */
          g_print (_("Stored evidence %lld: %s\n"), (long long) id, evidence != NULL ? evidence->title : "");
          lb_record_free (evidence);
        }
      if (result->lag_samples > 0)
        g_print ("%s\n", _("Stored the link's lag as Azure reports it (a lag sample of source “arm”)."));
      if (result->drift_outcome >= 0)
        /* TRANSLATORS: "Drift check: No drift: 17 settings match the approved design." */
        g_print (_("Drift check: %s\n"), result->drift_summary);
      else if (result->drift_error == NULL)
        g_print ("%s\n", _("No approved design is recorded, so no drift check was run."));
    }
  if (result->drift_error != NULL)
    {
      /* TRANSLATORS: the state was stored, but the drift check failed */
      g_printerr (_("linkbench-cli: the drift check failed: %s\n"), result->drift_error);
      return LB_CLI_FAILURE;
    }
  return LB_CLI_OK;
}

/* The target's link when it names one, else the document's first. */
static const LbLinkState *
pick_link (const LbAzureDocument *document,
           gpointer               link_name)
{
  for (guint i = 0; i < document->links->len; i++)
    {
      const LbLinkState *link = document->links->pdata[i];

      if (link_name == NULL || g_ascii_strcasecmp (link->name != NULL ? link->name : "", link_name) == 0)
        return link;
    }
  return NULL;
}

static char *
format_time (gint64 ms)
{
  return ms == LB_UNSET_INT ? g_strdup (_("unknown")) : lb_time_format_iso_utc (ms);
}

static const char *
text_or_unknown (const char *text)
{
  return text != NULL ? text : _("unknown");
}

/* The link state: the old schema's linkState, else the replica states of its databases. */
static char *
link_state_text (const LbLinkState *link)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (link->link_state != NULL)
    return g_strdup (link->link_state);
  for (guint i = 0; i < link->databases->len; i++)
    {
      const LbLinkDatabase *database = link->databases->pdata[i];

      if (database->replica_state == NULL || strstr (text->str, database->replica_state) != NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, database->replica_state);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("unknown"));
}

static void
print_link_text (const LbAzureState *state)
{
  const LbLinkState *link = state->link;
  g_autofree char *captured = format_time (state->link_captured_at);
  g_autofree char *link_state = link_state_text (link);

  /* TRANSLATORS: "Link DAG_erp (evidence 12, captured 2026-11-30T10:00:00Z)" */
  g_print (_("Link %s (evidence %lld, captured %s)\n"), text_or_unknown (link->name),
           (long long) state->link_evidence_id, captured);
  g_print (_("  Link state:        %s\n"), link_state);
  g_print (_("  Replication mode:  %s\n"), text_or_unknown (link->replication_mode));
  g_print (_("  Failover mode:     %s\n"), text_or_unknown (link->failover_mode));
  g_print (_("  Role:              %s on the managed instance, %s on SQL Server\n"),
           text_or_unknown (link->instance_link_role), text_or_unknown (link->partner_link_role));
  for (guint i = 0; i < link->databases->len; i++)
    {
      const LbLinkDatabase *database = link->databases->pdata[i];
      g_autofree char *hardened = format_time (database->last_hardened_at);

      /* TRANSLATORS: "  Database WMS: LinkSynchronizing, HEALTHY, CONNECTED, last hardened …" */
      g_print (_("  Database %s: %s, %s, %s, last hardened %s\n"), text_or_unknown (database->database_name),
               text_or_unknown (database->replica_state), text_or_unknown (database->synchronization_health),
               text_or_unknown (database->connected_state), hardened);
      if (database->cert_name != NULL || database->cert_expires_at != LB_UNSET_INT)
        {
          g_autofree char *expires = format_time (database->cert_expires_at);

          g_print (_("    Certificate %s expires %s\n"), text_or_unknown (database->cert_name), expires);
        }
    }
}

static void
print_instance_text (const LbAzureState *state)
{
  const LbInstanceState *instance = state->instance_document->instance;
  g_autofree char *captured = format_time (state->instance_captured_at);
  g_autofree char *vcores = instance->vcores >= 0 ? g_strdup_printf ("%d", instance->vcores) : g_strdup (_("unknown"));
  g_autofree char *storage = instance->storage_gb != LB_UNSET_INT
                               ? g_strdup_printf ("%lld GB", (long long) instance->storage_gb)
                               : g_strdup (_("unknown"));

  g_print (_("Managed instance %s (evidence %lld, captured %s)\n"), text_or_unknown (instance->name),
           (long long) state->instance_evidence_id, captured);
  g_print (_("  Tier:     %s (%s)\n"), text_or_unknown (instance->tier), text_or_unknown (instance->sku_name));
  g_print (_("  vCores:   %s\n"), vcores);
  g_print (_("  Storage:  %s\n"), storage);
  g_print (_("  State:    %s\n"), text_or_unknown (instance->state));
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       ms)
{
  g_autofree char *text = ms != LB_UNSET_INT ? lb_time_format_iso_utc (ms) : NULL;

  add_string (builder, name, text);
}

static void
print_state_json (const LbAzureState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "link");
  if (state->link != NULL)
    {
      const LbLinkState *link = state->link;
      g_autofree char *link_state = link_state_text (link);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "evidence_id");
      json_builder_add_int_value (builder, state->link_evidence_id);
      add_string (builder, "name", link->name);
      add_string (builder, "link_state", link_state);
      add_string (builder, "replication_mode", link->replication_mode);
      add_string (builder, "failover_mode", link->failover_mode);
      add_string (builder, "instance_link_role", link->instance_link_role);
      add_string (builder, "partner_link_role", link->partner_link_role);
      json_builder_set_member_name (builder, "databases");
      json_builder_begin_array (builder);
      for (guint i = 0; i < link->databases->len; i++)
        {
          const LbLinkDatabase *database = link->databases->pdata[i];

          json_builder_begin_object (builder);
          add_string (builder, "name", database->database_name);
          add_string (builder, "replica_state", database->replica_state);
          add_string (builder, "synchronization_health", database->synchronization_health);
          add_string (builder, "connected_state", database->connected_state);
          add_time (builder, "last_hardened_at", database->last_hardened_at);
          add_string (builder, "certificate_name", database->cert_name);
          add_time (builder, "certificate_expires_at", database->cert_expires_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "instance");
  if (state->instance_document != NULL)
    {
      const LbInstanceState *instance = state->instance_document->instance;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "evidence_id");
      json_builder_add_int_value (builder, state->instance_evidence_id);
      add_string (builder, "name", instance->name);
      add_string (builder, "tier", instance->tier);
      add_string (builder, "sku_name", instance->sku_name);
      json_builder_set_member_name (builder, "vcores");
      if (instance->vcores >= 0)
        json_builder_add_int_value (builder, instance->vcores);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "storage_gb");
      if (instance->storage_gb != LB_UNSET_INT)
        json_builder_add_int_value (builder, instance->storage_gb);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "state", instance->state);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  lb_cli_print_json (root);
}

static int
azure_show (LbCli  *cli,
            GArray *options)
{
  g_autoptr(GError) error = NULL;
  LbAzureState state = { 0 };
  LbAzureTarget *target = NULL;
  LbProject *project;
  gint64 project_id;
  gboolean ok;
  int status;

  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  project_id = project->id;
  lb_record_free (project);
  if (!project_target (cli, project_id, &target, &error))
    return lb_cli_report_error (cli, error);
  ok = lb_azure_state_find (cli->store, project_id, pick_link, target != NULL ? target->link_name : NULL, &state,
                            &error);
  lb_record_free (target);
  if (!ok)
    {
      lb_azure_state_clear (&state);
      return lb_cli_report_error (cli, error);
    }
  if (state.link == NULL && state.instance_document == NULL)
    {
      g_set_error_literal (&error, LB_ERROR, LB_ERROR_NOT_FOUND,
                           _("no link or managed instance state is kept for the project: run “linkbench-cli "
                             "azure sync” or “linkbench-cli import” first"));
      return lb_cli_report_error (cli, error);
    }
  if (cli->json)
    print_state_json (&state);
  else
    {
      if (state.link != NULL)
        print_link_text (&state);
      else
        g_print ("%s\n", _("No link state is kept for the project."));
      if (state.instance_document != NULL)
        print_instance_text (&state);
      else
        g_print ("%s\n", _("No managed instance state is kept for the project."));
    }
  lb_azure_state_clear (&state);
  return LB_CLI_OK;
}

int
lb_cli_azure_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const sync_allowed[] = { "project", "arm-url", "auth", "client-id", "tenant", "login-url", NULL };
  static const char *const secret_allowed[] = { "client-id", "tenant", NULL };
  static const char *const show_allowed[] = { "project", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  const char *command;

  if (lb_cli_wants_help (argc, argv))
    {
      print_usage ();
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len == 0)
    return lb_cli_usage_error (_("azure needs a command: sync, show or secret"));
  command = positional->pdata[0];
  if (positional->len > 1)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[1]);
  if (g_str_equal (command, "sync"))
    {
      if (!lb_cli_only_options (options, sync_allowed))
        return LB_CLI_USAGE;
      return azure_sync (cli, options);
    }
  if (g_str_equal (command, "secret"))
    {
      if (!lb_cli_only_options (options, secret_allowed))
        return LB_CLI_USAGE;
      return azure_secret (cli, options);
    }
  if (g_str_equal (command, "show"))
    {
      if (!lb_cli_only_options (options, show_allowed))
        return LB_CLI_USAGE;
      return azure_show (cli, options);
    }
  return lb_cli_usage_error (_("unknown azure command “%s”: use sync, show or secret"), command);
}
