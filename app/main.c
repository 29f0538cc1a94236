/* main.c: process setup for the linkbench GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lb-application.h"
#include "sqlserver/lb-freetds-conf.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Before any thread: FreeTDS finds its configuration through the environment. */
  lb_freetds_conf_init ();

  app = lb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
