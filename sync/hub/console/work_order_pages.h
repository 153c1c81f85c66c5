// The work-order pages (the 12345 flow), one file each; registered in console_pages.cpp.
#pragma once

#include "sync/hub/console/console_router.h"

namespace ck::hub::console {

// page_work_orders.cpp: the queue.
ConsoleAnswer WorkOrdersPage(ConsoleRequest& rq);
// page_work_order.cpp: one ticket; its actions (capture 2: accept|dispatch|progress|reply|resolve|close|
// redispatch|supervise) and the audited phone reveal.
ConsoleAnswer WorkOrderPage(ConsoleRequest& rq);
ConsoleAnswer WorkOrderAction(ConsoleRequest& rq);
ConsoleAnswer WorkOrderPhoneAction(ConsoleRequest& rq);
// page_file_on_behalf.cpp: 代录入 and the printable receipt.
ConsoleAnswer FileOnBehalfPage(ConsoleRequest& rq);
ConsoleAnswer FileOnBehalfAction(ConsoleRequest& rq);
ConsoleAnswer ReceiptPage(ConsoleRequest& rq);
// page_reply_templates.cpp: 常用回复.
ConsoleAnswer ReplyTemplatesPage(ConsoleRequest& rq);
ConsoleAnswer ReplyTemplateSaveAction(ConsoleRequest& rq);
ConsoleAnswer ReplyTemplateDeleteAction(ConsoleRequest& rq);
// page_supervision.cpp: 督办.
ConsoleAnswer SupervisionPage(ConsoleRequest& rq);
// page_rates.cpp: 三率 and its CSV.
ConsoleAnswer RatesPage(ConsoleRequest& rq);
ConsoleAnswer RatesCsvExport(ConsoleRequest& rq);

}  // namespace ck::hub::console
