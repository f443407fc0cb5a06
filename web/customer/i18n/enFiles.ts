/**
 * The words of a file in the chat and of sending one, in English: loaded with the file chunk
 * (web/customer/components/lazyFiles.tsx → fileUi.tsx), not with the page, which keeps its first load
 * (and the website widget's frame) within budget. The attach button's own words stay in en.ts.
 * frFiles.ts and esFiles.ts carry the same keys (catalogs.test.ts).
 */
// Not typed as FilesCatalog: the catalog types are derived from this object's keys.
export const enFiles = {
  fileUi: {
    sending: 'Sending {name}…',
    refusedOff: 'Files cannot be sent in this chat.',
    refusedEmpty: 'This file is empty.',
    refusedTooBig: 'This file is larger than {max}.',
    refusedType: 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.',
    refusedMarkup: 'This file is a document (SVG or HTML), not an image, so it cannot be sent.',
    refusedUnreadable: 'This image could not be read. Try another file.',
    refusedMany: 'You have sent too many files. Please wait a few minutes and try again.',
    notSent: '{name} was not sent: {reason}',
    openImage: 'Open {name} full size',
    download: 'Download {name}',
    close: 'Close',
    unavailable: 'This file is no longer available.',
  },
};
