/* placeholder until the demo generator lands in this session */
#include "config.h"
#include "lb-demo.h"
#include "../model/lb-error.h"

void
lb_demo_options_init (LbDemoOptions *options)
{
  options->seed = 1;
  options->anchor = 0;
  options->lag_days = 7;
  options->lag_interval = 5000;
}

gboolean
lb_demo_generate (LbStore *store, const LbDemoOptions *options, GCancellable *cancellable, GError **error)
{
  g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, "not yet");
  return FALSE;
}
