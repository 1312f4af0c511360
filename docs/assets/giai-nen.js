/* Giải nén: the packed data of the search's texts and the tracker's rows. build_scripts/writers/datascript.py
 * packs an argument of their data scripts as {"z": base64 of its JSON deflated with zlib}. The browser's own
 * DecompressionStream inflates it; where a browser has none (Safari before 16.4), pako 2.1.0
 * (assets/vendor/pako/, MIT and Zlib licences) does, loaded then from beside this file: it works from file://
 * and under a sub-path. What comes out is JSON, read with JSON.parse, as the data was before it was packed:
 * nothing in it runs.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var PAKO = (here ? here.replace(/giai-nen\.js(?:[?#].*)?$/, "") : "") + "vendor/pako/pako_inflate.min.js";
  var loading = null;

  /* Resolves once pako is there (a failed load may be tried again). */
  function loadPako() {
    if (window.pako) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = PAKO;
        s.async = true;
        s.onload = function () { return window.pako ? resolve() : reject(new Error(PAKO)); };
        s.onerror = function () { loading = null; reject(new Error(PAKO)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function isPacked(value) {
    return value !== null && typeof value === "object" && typeof value.z === "string" && Object.keys(value).length === 1;
  }

  /* A data argument as the build wrote it, as a promise: a packed one read back, any other as it is. */
  function unpack(value) {
    if (!isPacked(value)) return Promise.resolve(value);
    var text = atob(value.z), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    if (typeof DecompressionStream === "function") {
      var inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
      return new Response(inflated).text().then(JSON.parse);
    }
    return loadPako().then(function () { return JSON.parse(window.pako.inflate(bytes, { to: "string" })); });
  }

  window.vbGiaiNen = { unpack: unpack };
})();
