/**
 * English messages shared by every host: errors, recommendation reasons and rejected-row
 * reasons. Placeholders are named ({file}, {line}) and filled by `formatMessage`, never by
 * string concatenation. zh-CN.ts must define exactly the same keys; the type checker enforces it.
 */
export const en = {
  'error.file.notFound': 'The file {file} was not found. Check that it still exists and try again.',
  'error.file.unreadable': 'The file {file} could not be read ({reason}). Close any program that has it open and try again.',
  'error.file.empty': 'The file {file} is empty. Export the orders again from your shop and drop the new file.',
  'error.file.binary': 'The file {file} is not a text export (it looks like {kind}). Export the orders as CSV and drop that file.',
  'error.file.spreadsheetNotSupported': 'The file {file} is an Excel workbook. Save it as CSV (UTF-8) in Excel or WPS and drop the CSV file.',
  'error.file.compressedCorrupt': 'The compressed file {file} is damaged and could not be unpacked. Download it again.',
  'error.file.encodingUnknown': 'The text encoding of {file} could not be recognised. Save it again as CSV UTF-8.',
  'error.file.doubleEncoded': 'The text in {file} was damaged by an earlier save (for example "{sample}"). Export the original file from your shop again.',
  'error.file.noHeader': 'No header row was found in the first {lines} lines of {file}. The first row should hold the column names, such as order number and quantity.',
  'error.file.unrecognisedColumns': 'The columns of {file} were not recognised ({columns}). It needs at least an order number, a product code or name, and a quantity or order date column.',
  'error.file.missingColumn': 'The file {file} has no {column} column. Export it again with that column included.',
  'error.file.noUsableRows': 'None of the {rows} rows in {file} could be used; see the rejected rows for the reason of each.',
  'error.file.tooLarge': 'The file {file} is {size}, more than the limit of {limit}. Split the export by date range and drop the parts.',
  'error.workspace.notFound': 'The shop workspace {path} was not found.',
  'error.workspace.locked': 'The shop workspace {path} is in use by another ShopRec window. Close it and try again.',
  'error.workspace.newerVersion': 'The shop workspace {path} was saved by a newer ShopRec (data version {found}, this app understands up to {supported}). Update ShopRec to open it.',
  'error.workspace.migrationFailed': 'The shop workspace {path} could not be upgraded to data version {version} ({reason}). Nothing was changed; your data is as it was. Please report this problem.',
  'error.workspace.corrupt': 'The shop workspace {path} is damaged ({reason}). Restore it from a backup or start a new workspace.',
  'error.workspace.diskFull': 'The disk is full, so the import was undone and nothing was stored. Free some space and try again.',
  'error.training.notEnoughData': 'There is not enough sales history to learn from yet: {customers} customers bought on two or more days, and at least {needed} are needed. Import more months of orders.',
  'error.training.noRun': 'No model has been trained yet. Import your orders and start training first.',
  'error.recommend.customerNotFound': 'No customer with the ID {customer} was found in this shop.',
  'error.recommend.itemNotFound': 'No product with the code {sku} was found in this shop.',
  'error.export.unknownFormat': 'Unknown export format {format}. Choose one of: {formats}.',
  'error.export.writeFailed': 'The file {file} could not be written ({reason}). Choose another folder and try again.',
  'error.request.invalid': 'The request was invalid: {detail}.',
  'error.request.unauthorised': 'This page is not allowed to talk to ShopRec. Open ShopRec from its own start command.',
  'error.request.notFound': 'Not found: {path}.',
  'error.request.tooLarge': 'The upload is larger than the limit of {limit}.',
  'error.job.busy': 'ShopRec is still busy with {job}. Wait for it to finish or cancel it.',
  'error.job.notFound': 'The task {job} was not found; it may have finished already.',
  'error.cancelled': 'Cancelled. Nothing was changed.',
  'error.internal': 'Something went wrong inside ShopRec ({detail}). Your stored data was not changed. Please report this problem.',

  'rejected.missingOrderId': 'No order number',
  'rejected.missingItem': 'No product code or name',
  'rejected.missingQuantity': 'No quantity',
  'rejected.invalidQuantity': 'Quantity "{value}" is not a number',
  'rejected.invalidPrice': 'Price "{value}" is not a number',
  'rejected.missingDate': 'No order date',
  'rejected.invalidDate': 'Order date "{value}" could not be read',
  'rejected.idDamagedByExcel': 'ID "{value}" was shortened by Excel into scientific notation; export the original file again',
  'rejected.wrongColumnCount': 'Has {found} columns where the header has {expected}',
  'rejected.truncatedLine': 'The last line is cut off (the file ends in the middle of it)',
  'rejected.nonProductLine': 'Not a product ({value}): postage, fees or manual adjustments',
  'rejected.badDebtAdjustment': 'Bad-debt adjustment, not a sale',
  'rejected.zeroQuantity': 'Quantity is zero',

  'reason.similarToPurchase': 'Often bought by customers who bought {item}',
  'reason.boughtTogether': 'Bought together with {item} in {orders} orders',
  'reason.popular': 'One of the shop\'s best sellers ({customers} customers)',
  'reason.rebuy': 'This customer buys it again regularly',
  'reason.sequenceNext': 'Usually comes next after {item}',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
