/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
"use strict";

var $protobuf = require("protobufjs/minimal");

// Common aliases
var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
var $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $String = $util.global.String, $Array = $util.global.Array, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
var $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

$root.chrysalis = (function() {

    /**
     * Namespace chrysalis.
     * @exports chrysalis
     * @namespace
     */
    var chrysalis = {};

    chrysalis.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof chrysalis
         * @namespace
         */
        var v1 = {};

        v1.WorkerClaims = (function() {

            /**
             * Properties of a WorkerClaims.
             * @typedef {Object} chrysalis.v1.WorkerClaims.$Properties
             * @property {number|null} [version] WorkerClaims version
             * @property {Uint8Array|null} [hpkePublicKey] WorkerClaims hpkePublicKey
             * @property {Uint8Array|null} [signingPublicKey] WorkerClaims signingPublicKey
             * @property {Uint8Array|null} [imageId] WorkerClaims imageId
             * @property {Uint8Array|null} [platformId] WorkerClaims platformId
             * @property {Uint8Array|null} [modelId] WorkerClaims modelId
             * @property {Uint8Array|null} [gpuEvidenceDigest] WorkerClaims gpuEvidenceDigest
             * @property {number|null} [gpuCount] WorkerClaims gpuCount
             * @property {Uint8Array|null} [brokerChallenge] WorkerClaims brokerChallenge
             * @property {number|null} [issuedAt] WorkerClaims issuedAt
             * @property {string|null} [workerVersion] WorkerClaims workerVersion
             * @property {Uint8Array|null} [configDigest] WorkerClaims configDigest
             * @property {number|null} [promptPriceNano] WorkerClaims promptPriceNano
             * @property {number|null} [completionPriceNano] WorkerClaims completionPriceNano
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkerClaims.
             * @memberof chrysalis.v1
             * @interface IWorkerClaims
             * @augments chrysalis.v1.WorkerClaims.$Properties
             * @deprecated Use chrysalis.v1.WorkerClaims.$Properties instead.
             */

            /**
             * Shape of a WorkerClaims.
             * @typedef {chrysalis.v1.WorkerClaims.$Properties} chrysalis.v1.WorkerClaims.$Shape
             */

            /**
             * Constructs a new WorkerClaims.
             * @memberof chrysalis.v1
             * @classdesc Represents a WorkerClaims.
             * @constructor
             * @param {chrysalis.v1.WorkerClaims.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var WorkerClaims = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkerClaims version.
             * @member {number} version
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.version = 0;

            /**
             * WorkerClaims hpkePublicKey.
             * @member {Uint8Array} hpkePublicKey
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.hpkePublicKey = $util.newBuffer([]);

            /**
             * WorkerClaims signingPublicKey.
             * @member {Uint8Array} signingPublicKey
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.signingPublicKey = $util.newBuffer([]);

            /**
             * WorkerClaims imageId.
             * @member {Uint8Array} imageId
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.imageId = $util.newBuffer([]);

            /**
             * WorkerClaims platformId.
             * @member {Uint8Array} platformId
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.platformId = $util.newBuffer([]);

            /**
             * WorkerClaims modelId.
             * @member {Uint8Array} modelId
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.modelId = $util.newBuffer([]);

            /**
             * WorkerClaims gpuEvidenceDigest.
             * @member {Uint8Array} gpuEvidenceDigest
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.gpuEvidenceDigest = $util.newBuffer([]);

            /**
             * WorkerClaims gpuCount.
             * @member {number} gpuCount
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.gpuCount = 0;

            /**
             * WorkerClaims brokerChallenge.
             * @member {Uint8Array} brokerChallenge
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.brokerChallenge = $util.newBuffer([]);

            /**
             * WorkerClaims issuedAt.
             * @member {number} issuedAt
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.issuedAt = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerClaims workerVersion.
             * @member {string} workerVersion
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.workerVersion = "";

            /**
             * WorkerClaims configDigest.
             * @member {Uint8Array} configDigest
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.configDigest = $util.newBuffer([]);

            /**
             * WorkerClaims promptPriceNano.
             * @member {number} promptPriceNano
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.promptPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerClaims completionPriceNano.
             * @member {number} completionPriceNano
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             */
            WorkerClaims.prototype.completionPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new WorkerClaims instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {chrysalis.v1.WorkerClaims.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.WorkerClaims} WorkerClaims instance
             * @type {{
             *   (properties: chrysalis.v1.WorkerClaims.$Shape): chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape;
             *   (properties?: chrysalis.v1.WorkerClaims.$Properties): chrysalis.v1.WorkerClaims;
             * }}
             */
            WorkerClaims.create = function(properties) {
                return new WorkerClaims(properties);
            };

            /**
             * Encodes the specified WorkerClaims message. Does not implicitly {@link chrysalis.v1.WorkerClaims.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {chrysalis.v1.WorkerClaims.$Properties} message WorkerClaims message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerClaims.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey") && message.hpkePublicKey.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.hpkePublicKey);
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey") && message.signingPublicKey.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.signingPublicKey);
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.imageId);
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId") && message.platformId.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.platformId);
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId") && message.modelId.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.modelId);
                if (message.gpuEvidenceDigest != null && $Object.hasOwnProperty.call(message, "gpuEvidenceDigest") && message.gpuEvidenceDigest.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.gpuEvidenceDigest);
                if (message.gpuCount != null && $Object.hasOwnProperty.call(message, "gpuCount") && message.gpuCount !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.gpuCount);
                if (message.brokerChallenge != null && $Object.hasOwnProperty.call(message, "brokerChallenge") && message.brokerChallenge.length)
                    writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.brokerChallenge);
                if (message.issuedAt != null && $Object.hasOwnProperty.call(message, "issuedAt") && (typeof message.issuedAt === "object" ? message.issuedAt.low || message.issuedAt.high : message.issuedAt !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.issuedAt);
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion") && message.workerVersion !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.workerVersion);
                if (message.configDigest != null && $Object.hasOwnProperty.call(message, "configDigest") && message.configDigest.length)
                    writer.uint32(/* id 12, wireType 2 =*/98).bytes(message.configDigest);
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano") && (typeof message.promptPriceNano === "object" ? message.promptPriceNano.low || message.promptPriceNano.high : message.promptPriceNano !== 0))
                    writer.uint32(/* id 13, wireType 0 =*/104).uint64(message.promptPriceNano);
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano") && (typeof message.completionPriceNano === "object" ? message.completionPriceNano.low || message.completionPriceNano.high : message.completionPriceNano !== 0))
                    writer.uint32(/* id 14, wireType 0 =*/112).uint64(message.completionPriceNano);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified WorkerClaims message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerClaims.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {chrysalis.v1.WorkerClaims.$Properties} message WorkerClaims message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerClaims.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a WorkerClaims message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape} WorkerClaims
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerClaims.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.WorkerClaims();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.hpkePublicKey = value;
                            else
                                delete message.hpkePublicKey;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signingPublicKey = value;
                            else
                                delete message.signingPublicKey;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.platformId = value;
                            else
                                delete message.platformId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.modelId = value;
                            else
                                delete message.modelId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.gpuEvidenceDigest = value;
                            else
                                delete message.gpuEvidenceDigest;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.gpuCount = value;
                            else
                                delete message.gpuCount;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.brokerChallenge = value;
                            else
                                delete message.brokerChallenge;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.issuedAt = value;
                            else
                                delete message.issuedAt;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerVersion = value;
                            else
                                delete message.workerVersion;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.configDigest = value;
                            else
                                delete message.configDigest;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.promptPriceNano = value;
                            else
                                delete message.promptPriceNano;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.completionPriceNano = value;
                            else
                                delete message.completionPriceNano;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a WorkerClaims message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape} WorkerClaims
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerClaims.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a WorkerClaims message.
             * @function verify
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerClaims.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey"))
                    if (!(message.hpkePublicKey && typeof message.hpkePublicKey.length === "number" || $util.isString(message.hpkePublicKey)))
                        return "hpkePublicKey: buffer expected";
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey"))
                    if (!(message.signingPublicKey && typeof message.signingPublicKey.length === "number" || $util.isString(message.signingPublicKey)))
                        return "signingPublicKey: buffer expected";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!(message.imageId && typeof message.imageId.length === "number" || $util.isString(message.imageId)))
                        return "imageId: buffer expected";
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId"))
                    if (!(message.platformId && typeof message.platformId.length === "number" || $util.isString(message.platformId)))
                        return "platformId: buffer expected";
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    if (!(message.modelId && typeof message.modelId.length === "number" || $util.isString(message.modelId)))
                        return "modelId: buffer expected";
                if (message.gpuEvidenceDigest != null && $Object.hasOwnProperty.call(message, "gpuEvidenceDigest"))
                    if (!(message.gpuEvidenceDigest && typeof message.gpuEvidenceDigest.length === "number" || $util.isString(message.gpuEvidenceDigest)))
                        return "gpuEvidenceDigest: buffer expected";
                if (message.gpuCount != null && $Object.hasOwnProperty.call(message, "gpuCount"))
                    if (!$util.isInteger(message.gpuCount))
                        return "gpuCount: integer expected";
                if (message.brokerChallenge != null && $Object.hasOwnProperty.call(message, "brokerChallenge"))
                    if (!(message.brokerChallenge && typeof message.brokerChallenge.length === "number" || $util.isString(message.brokerChallenge)))
                        return "brokerChallenge: buffer expected";
                if (message.issuedAt != null && $Object.hasOwnProperty.call(message, "issuedAt"))
                    if (!$util.isInteger(message.issuedAt) && !(message.issuedAt && $util.isInteger(message.issuedAt.low) && $util.isInteger(message.issuedAt.high)))
                        return "issuedAt: integer|Long expected";
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion"))
                    if (!$util.isString(message.workerVersion))
                        return "workerVersion: string expected";
                if (message.configDigest != null && $Object.hasOwnProperty.call(message, "configDigest"))
                    if (!(message.configDigest && typeof message.configDigest.length === "number" || $util.isString(message.configDigest)))
                        return "configDigest: buffer expected";
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (!$util.isInteger(message.promptPriceNano) && !(message.promptPriceNano && $util.isInteger(message.promptPriceNano.low) && $util.isInteger(message.promptPriceNano.high)))
                        return "promptPriceNano: integer|Long expected";
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (!$util.isInteger(message.completionPriceNano) && !(message.completionPriceNano && $util.isInteger(message.completionPriceNano.low) && $util.isInteger(message.completionPriceNano.high)))
                        return "completionPriceNano: integer|Long expected";
                return null;
            };

            /**
             * Creates a WorkerClaims message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.WorkerClaims} WorkerClaims
             */
            WorkerClaims.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.WorkerClaims)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.WorkerClaims: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.WorkerClaims();
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.hpkePublicKey != null)
                    if (object.hpkePublicKey.length)
                        if (typeof object.hpkePublicKey === "string")
                            $util.base64.decode(object.hpkePublicKey, message.hpkePublicKey = $util.newBuffer($util.base64.length(object.hpkePublicKey)), 0);
                        else if (object.hpkePublicKey.length >= 0)
                            message.hpkePublicKey = object.hpkePublicKey;
                if (object.signingPublicKey != null)
                    if (object.signingPublicKey.length)
                        if (typeof object.signingPublicKey === "string")
                            $util.base64.decode(object.signingPublicKey, message.signingPublicKey = $util.newBuffer($util.base64.length(object.signingPublicKey)), 0);
                        else if (object.signingPublicKey.length >= 0)
                            message.signingPublicKey = object.signingPublicKey;
                if (object.imageId != null)
                    if (object.imageId.length)
                        if (typeof object.imageId === "string")
                            $util.base64.decode(object.imageId, message.imageId = $util.newBuffer($util.base64.length(object.imageId)), 0);
                        else if (object.imageId.length >= 0)
                            message.imageId = object.imageId;
                if (object.platformId != null)
                    if (object.platformId.length)
                        if (typeof object.platformId === "string")
                            $util.base64.decode(object.platformId, message.platformId = $util.newBuffer($util.base64.length(object.platformId)), 0);
                        else if (object.platformId.length >= 0)
                            message.platformId = object.platformId;
                if (object.modelId != null)
                    if (object.modelId.length)
                        if (typeof object.modelId === "string")
                            $util.base64.decode(object.modelId, message.modelId = $util.newBuffer($util.base64.length(object.modelId)), 0);
                        else if (object.modelId.length >= 0)
                            message.modelId = object.modelId;
                if (object.gpuEvidenceDigest != null)
                    if (object.gpuEvidenceDigest.length)
                        if (typeof object.gpuEvidenceDigest === "string")
                            $util.base64.decode(object.gpuEvidenceDigest, message.gpuEvidenceDigest = $util.newBuffer($util.base64.length(object.gpuEvidenceDigest)), 0);
                        else if (object.gpuEvidenceDigest.length >= 0)
                            message.gpuEvidenceDigest = object.gpuEvidenceDigest;
                if (object.gpuCount != null)
                    if ($Number(object.gpuCount) !== 0)
                        message.gpuCount = object.gpuCount >>> 0;
                if (object.brokerChallenge != null)
                    if (object.brokerChallenge.length)
                        if (typeof object.brokerChallenge === "string")
                            $util.base64.decode(object.brokerChallenge, message.brokerChallenge = $util.newBuffer($util.base64.length(object.brokerChallenge)), 0);
                        else if (object.brokerChallenge.length >= 0)
                            message.brokerChallenge = object.brokerChallenge;
                if (object.issuedAt != null)
                    if (typeof object.issuedAt === "object" ? object.issuedAt.low || object.issuedAt.high : $Number(object.issuedAt) !== 0)
                        if ($util.Long)
                            message.issuedAt = $util.Long.fromValue(object.issuedAt, true);
                        else if (typeof object.issuedAt === "string")
                            message.issuedAt = $parseInt(object.issuedAt, 10);
                        else if (typeof object.issuedAt === "number")
                            message.issuedAt = object.issuedAt;
                        else if (typeof object.issuedAt === "object")
                            message.issuedAt = new $util.LongBits(object.issuedAt.low >>> 0, object.issuedAt.high >>> 0).toNumber(true);
                if (object.workerVersion != null)
                    if (typeof object.workerVersion !== "string" || object.workerVersion.length)
                        message.workerVersion = $String(object.workerVersion);
                if (object.configDigest != null)
                    if (object.configDigest.length)
                        if (typeof object.configDigest === "string")
                            $util.base64.decode(object.configDigest, message.configDigest = $util.newBuffer($util.base64.length(object.configDigest)), 0);
                        else if (object.configDigest.length >= 0)
                            message.configDigest = object.configDigest;
                if (object.promptPriceNano != null)
                    if (typeof object.promptPriceNano === "object" ? object.promptPriceNano.low || object.promptPriceNano.high : $Number(object.promptPriceNano) !== 0)
                        if ($util.Long)
                            message.promptPriceNano = $util.Long.fromValue(object.promptPriceNano, true);
                        else if (typeof object.promptPriceNano === "string")
                            message.promptPriceNano = $parseInt(object.promptPriceNano, 10);
                        else if (typeof object.promptPriceNano === "number")
                            message.promptPriceNano = object.promptPriceNano;
                        else if (typeof object.promptPriceNano === "object")
                            message.promptPriceNano = new $util.LongBits(object.promptPriceNano.low >>> 0, object.promptPriceNano.high >>> 0).toNumber(true);
                if (object.completionPriceNano != null)
                    if (typeof object.completionPriceNano === "object" ? object.completionPriceNano.low || object.completionPriceNano.high : $Number(object.completionPriceNano) !== 0)
                        if ($util.Long)
                            message.completionPriceNano = $util.Long.fromValue(object.completionPriceNano, true);
                        else if (typeof object.completionPriceNano === "string")
                            message.completionPriceNano = $parseInt(object.completionPriceNano, 10);
                        else if (typeof object.completionPriceNano === "number")
                            message.completionPriceNano = object.completionPriceNano;
                        else if (typeof object.completionPriceNano === "object")
                            message.completionPriceNano = new $util.LongBits(object.completionPriceNano.low >>> 0, object.completionPriceNano.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a WorkerClaims message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {chrysalis.v1.WorkerClaims} message WorkerClaims
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerClaims.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.version = 0;
                    if (options.bytes === $String)
                        object.hpkePublicKey = "";
                    else {
                        object.hpkePublicKey = [];
                        if (options.bytes !== $Array)
                            object.hpkePublicKey = $util.newBuffer(object.hpkePublicKey);
                    }
                    if (options.bytes === $String)
                        object.signingPublicKey = "";
                    else {
                        object.signingPublicKey = [];
                        if (options.bytes !== $Array)
                            object.signingPublicKey = $util.newBuffer(object.signingPublicKey);
                    }
                    if (options.bytes === $String)
                        object.imageId = "";
                    else {
                        object.imageId = [];
                        if (options.bytes !== $Array)
                            object.imageId = $util.newBuffer(object.imageId);
                    }
                    if (options.bytes === $String)
                        object.platformId = "";
                    else {
                        object.platformId = [];
                        if (options.bytes !== $Array)
                            object.platformId = $util.newBuffer(object.platformId);
                    }
                    if (options.bytes === $String)
                        object.modelId = "";
                    else {
                        object.modelId = [];
                        if (options.bytes !== $Array)
                            object.modelId = $util.newBuffer(object.modelId);
                    }
                    if (options.bytes === $String)
                        object.gpuEvidenceDigest = "";
                    else {
                        object.gpuEvidenceDigest = [];
                        if (options.bytes !== $Array)
                            object.gpuEvidenceDigest = $util.newBuffer(object.gpuEvidenceDigest);
                    }
                    object.gpuCount = 0;
                    if (options.bytes === $String)
                        object.brokerChallenge = "";
                    else {
                        object.brokerChallenge = [];
                        if (options.bytes !== $Array)
                            object.brokerChallenge = $util.newBuffer(object.brokerChallenge);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.issuedAt = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.issuedAt = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.workerVersion = "";
                    if (options.bytes === $String)
                        object.configDigest = "";
                    else {
                        object.configDigest = [];
                        if (options.bytes !== $Array)
                            object.configDigest = $util.newBuffer(object.configDigest);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.promptPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.promptPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.completionPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.completionPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey"))
                    object.hpkePublicKey = options.bytes === $String ? $util.base64.encode(message.hpkePublicKey, 0, message.hpkePublicKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.hpkePublicKey) : message.hpkePublicKey;
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey"))
                    object.signingPublicKey = options.bytes === $String ? $util.base64.encode(message.signingPublicKey, 0, message.signingPublicKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signingPublicKey) : message.signingPublicKey;
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = options.bytes === $String ? $util.base64.encode(message.imageId, 0, message.imageId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.imageId) : message.imageId;
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId"))
                    object.platformId = options.bytes === $String ? $util.base64.encode(message.platformId, 0, message.platformId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.platformId) : message.platformId;
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    object.modelId = options.bytes === $String ? $util.base64.encode(message.modelId, 0, message.modelId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.modelId) : message.modelId;
                if (message.gpuEvidenceDigest != null && $Object.hasOwnProperty.call(message, "gpuEvidenceDigest"))
                    object.gpuEvidenceDigest = options.bytes === $String ? $util.base64.encode(message.gpuEvidenceDigest, 0, message.gpuEvidenceDigest.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.gpuEvidenceDigest) : message.gpuEvidenceDigest;
                if (message.gpuCount != null && $Object.hasOwnProperty.call(message, "gpuCount"))
                    object.gpuCount = message.gpuCount;
                if (message.brokerChallenge != null && $Object.hasOwnProperty.call(message, "brokerChallenge"))
                    object.brokerChallenge = options.bytes === $String ? $util.base64.encode(message.brokerChallenge, 0, message.brokerChallenge.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.brokerChallenge) : message.brokerChallenge;
                if (message.issuedAt != null && $Object.hasOwnProperty.call(message, "issuedAt"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.issuedAt = typeof message.issuedAt === "number" ? $BigInt(message.issuedAt) : $util.Long.fromBits(message.issuedAt.low >>> 0, message.issuedAt.high >>> 0, true).toBigInt();
                    else if (typeof message.issuedAt === "number")
                        object.issuedAt = options.longs === $String ? $String(message.issuedAt) : message.issuedAt;
                    else
                        object.issuedAt = options.longs === $String ? $util.Long.prototype.toString.call(message.issuedAt) : options.longs === $Number ? new $util.LongBits(message.issuedAt.low >>> 0, message.issuedAt.high >>> 0).toNumber(true) : message.issuedAt;
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion"))
                    object.workerVersion = message.workerVersion;
                if (message.configDigest != null && $Object.hasOwnProperty.call(message, "configDigest"))
                    object.configDigest = options.bytes === $String ? $util.base64.encode(message.configDigest, 0, message.configDigest.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.configDigest) : message.configDigest;
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.promptPriceNano = typeof message.promptPriceNano === "number" ? $BigInt(message.promptPriceNano) : $util.Long.fromBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.promptPriceNano === "number")
                        object.promptPriceNano = options.longs === $String ? $String(message.promptPriceNano) : message.promptPriceNano;
                    else
                        object.promptPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.promptPriceNano) : options.longs === $Number ? new $util.LongBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0).toNumber(true) : message.promptPriceNano;
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.completionPriceNano = typeof message.completionPriceNano === "number" ? $BigInt(message.completionPriceNano) : $util.Long.fromBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.completionPriceNano === "number")
                        object.completionPriceNano = options.longs === $String ? $String(message.completionPriceNano) : message.completionPriceNano;
                    else
                        object.completionPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.completionPriceNano) : options.longs === $Number ? new $util.LongBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0).toNumber(true) : message.completionPriceNano;
                return object;
            };

            /**
             * Converts this WorkerClaims to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.WorkerClaims
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerClaims.prototype.toJSON = function() {
                return WorkerClaims.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkerClaims
             * @function getTypeUrl
             * @memberof chrysalis.v1.WorkerClaims
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkerClaims.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.WorkerClaims";
            };

            return WorkerClaims;
        })();

        v1.GpuEvidence = (function() {

            /**
             * Properties of a GpuEvidence.
             * @typedef {Object} chrysalis.v1.GpuEvidence.$Properties
             * @property {number|null} [index] GpuEvidence index
             * @property {Uint8Array|null} [report] GpuEvidence report
             * @property {Array.<Uint8Array>|null} [certChain] GpuEvidence certChain
             * @property {string|null} [driverRim] GpuEvidence driverRim
             * @property {string|null} [vbiosRim] GpuEvidence vbiosRim
             * @property {Array.<Uint8Array>|null} [ocsp] GpuEvidence ocsp
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GpuEvidence.
             * @memberof chrysalis.v1
             * @interface IGpuEvidence
             * @augments chrysalis.v1.GpuEvidence.$Properties
             * @deprecated Use chrysalis.v1.GpuEvidence.$Properties instead.
             */

            /**
             * Shape of a GpuEvidence.
             * @typedef {chrysalis.v1.GpuEvidence.$Properties} chrysalis.v1.GpuEvidence.$Shape
             */

            /**
             * Constructs a new GpuEvidence.
             * @memberof chrysalis.v1
             * @classdesc Represents a GpuEvidence.
             * @constructor
             * @param {chrysalis.v1.GpuEvidence.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var GpuEvidence = function (properties) {
                this.certChain = [];
                this.ocsp = [];
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GpuEvidence index.
             * @member {number} index
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.index = 0;

            /**
             * GpuEvidence report.
             * @member {Uint8Array} report
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.report = $util.newBuffer([]);

            /**
             * GpuEvidence certChain.
             * @member {Array.<Uint8Array>} certChain
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.certChain = $util.emptyArray;

            /**
             * GpuEvidence driverRim.
             * @member {string} driverRim
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.driverRim = "";

            /**
             * GpuEvidence vbiosRim.
             * @member {string} vbiosRim
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.vbiosRim = "";

            /**
             * GpuEvidence ocsp.
             * @member {Array.<Uint8Array>} ocsp
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             */
            GpuEvidence.prototype.ocsp = $util.emptyArray;

            /**
             * Creates a new GpuEvidence instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {chrysalis.v1.GpuEvidence.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.GpuEvidence} GpuEvidence instance
             * @type {{
             *   (properties: chrysalis.v1.GpuEvidence.$Shape): chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape;
             *   (properties?: chrysalis.v1.GpuEvidence.$Properties): chrysalis.v1.GpuEvidence;
             * }}
             */
            GpuEvidence.create = function(properties) {
                return new GpuEvidence(properties);
            };

            /**
             * Encodes the specified GpuEvidence message. Does not implicitly {@link chrysalis.v1.GpuEvidence.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {chrysalis.v1.GpuEvidence.$Properties} message GpuEvidence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GpuEvidence.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.index);
                if (message.report != null && $Object.hasOwnProperty.call(message, "report") && message.report.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.report);
                if (message.certChain != null && message.certChain.length)
                    for (var i = 0; i < message.certChain.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.certChain[i]);
                if (message.driverRim != null && $Object.hasOwnProperty.call(message, "driverRim") && message.driverRim !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.driverRim);
                if (message.vbiosRim != null && $Object.hasOwnProperty.call(message, "vbiosRim") && message.vbiosRim !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.vbiosRim);
                if (message.ocsp != null && message.ocsp.length)
                    for (var i = 0; i < message.ocsp.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.ocsp[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified GpuEvidence message, length delimited. Does not implicitly {@link chrysalis.v1.GpuEvidence.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {chrysalis.v1.GpuEvidence.$Properties} message GpuEvidence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GpuEvidence.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a GpuEvidence message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape} GpuEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GpuEvidence.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.GpuEvidence();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.index = value;
                            else
                                delete message.index;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.report = value;
                            else
                                delete message.report;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.certChain && message.certChain.length))
                                message.certChain = [];
                            message.certChain.push(reader.bytes());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.driverRim = value;
                            else
                                delete message.driverRim;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.vbiosRim = value;
                            else
                                delete message.vbiosRim;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.ocsp && message.ocsp.length))
                                message.ocsp = [];
                            message.ocsp.push(reader.bytes());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a GpuEvidence message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape} GpuEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GpuEvidence.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a GpuEvidence message.
             * @function verify
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            GpuEvidence.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    if (!$util.isInteger(message.index))
                        return "index: integer expected";
                if (message.report != null && $Object.hasOwnProperty.call(message, "report"))
                    if (!(message.report && typeof message.report.length === "number" || $util.isString(message.report)))
                        return "report: buffer expected";
                if (message.certChain != null && $Object.hasOwnProperty.call(message, "certChain")) {
                    if (!$Array.isArray(message.certChain))
                        return "certChain: array expected";
                    for (var i = 0; i < message.certChain.length; ++i)
                        if (!(message.certChain[i] && typeof message.certChain[i].length === "number" || $util.isString(message.certChain[i])))
                            return "certChain: buffer[] expected";
                }
                if (message.driverRim != null && $Object.hasOwnProperty.call(message, "driverRim"))
                    if (!$util.isString(message.driverRim))
                        return "driverRim: string expected";
                if (message.vbiosRim != null && $Object.hasOwnProperty.call(message, "vbiosRim"))
                    if (!$util.isString(message.vbiosRim))
                        return "vbiosRim: string expected";
                if (message.ocsp != null && $Object.hasOwnProperty.call(message, "ocsp")) {
                    if (!$Array.isArray(message.ocsp))
                        return "ocsp: array expected";
                    for (var i = 0; i < message.ocsp.length; ++i)
                        if (!(message.ocsp[i] && typeof message.ocsp[i].length === "number" || $util.isString(message.ocsp[i])))
                            return "ocsp: buffer[] expected";
                }
                return null;
            };

            /**
             * Creates a GpuEvidence message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.GpuEvidence} GpuEvidence
             */
            GpuEvidence.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.GpuEvidence)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.GpuEvidence: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.GpuEvidence();
                if (object.index != null)
                    if ($Number(object.index) !== 0)
                        message.index = object.index >>> 0;
                if (object.report != null)
                    if (object.report.length)
                        if (typeof object.report === "string")
                            $util.base64.decode(object.report, message.report = $util.newBuffer($util.base64.length(object.report)), 0);
                        else if (object.report.length >= 0)
                            message.report = object.report;
                if (object.certChain) {
                    if (!$Array.isArray(object.certChain))
                        throw $TypeError(".chrysalis.v1.GpuEvidence.certChain: array expected");
                    message.certChain = $Array(object.certChain.length);
                    for (var i = 0; i < object.certChain.length; ++i)
                        if (typeof object.certChain[i] === "string")
                            $util.base64.decode(object.certChain[i], message.certChain[i] = $util.newBuffer($util.base64.length(object.certChain[i])), 0);
                        else if (object.certChain[i].length >= 0)
                            message.certChain[i] = object.certChain[i];
                }
                if (object.driverRim != null)
                    if (typeof object.driverRim !== "string" || object.driverRim.length)
                        message.driverRim = $String(object.driverRim);
                if (object.vbiosRim != null)
                    if (typeof object.vbiosRim !== "string" || object.vbiosRim.length)
                        message.vbiosRim = $String(object.vbiosRim);
                if (object.ocsp) {
                    if (!$Array.isArray(object.ocsp))
                        throw $TypeError(".chrysalis.v1.GpuEvidence.ocsp: array expected");
                    message.ocsp = $Array(object.ocsp.length);
                    for (var i = 0; i < object.ocsp.length; ++i)
                        if (typeof object.ocsp[i] === "string")
                            $util.base64.decode(object.ocsp[i], message.ocsp[i] = $util.newBuffer($util.base64.length(object.ocsp[i])), 0);
                        else if (object.ocsp[i].length >= 0)
                            message.ocsp[i] = object.ocsp[i];
                }
                return message;
            };

            /**
             * Creates a plain object from a GpuEvidence message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {chrysalis.v1.GpuEvidence} message GpuEvidence
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            GpuEvidence.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.arrays || options.defaults) {
                    object.certChain = [];
                    object.ocsp = [];
                }
                if (options.defaults) {
                    object.index = 0;
                    if (options.bytes === $String)
                        object.report = "";
                    else {
                        object.report = [];
                        if (options.bytes !== $Array)
                            object.report = $util.newBuffer(object.report);
                    }
                    object.driverRim = "";
                    object.vbiosRim = "";
                }
                if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                    object.index = message.index;
                if (message.report != null && $Object.hasOwnProperty.call(message, "report"))
                    object.report = options.bytes === $String ? $util.base64.encode(message.report, 0, message.report.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.report) : message.report;
                if (message.certChain && message.certChain.length) {
                    object.certChain = $Array(message.certChain.length);
                    for (var j = 0; j < message.certChain.length; ++j)
                        object.certChain[j] = options.bytes === $String ? $util.base64.encode(message.certChain[j], 0, message.certChain[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.certChain[j]) : message.certChain[j];
                }
                if (message.driverRim != null && $Object.hasOwnProperty.call(message, "driverRim"))
                    object.driverRim = message.driverRim;
                if (message.vbiosRim != null && $Object.hasOwnProperty.call(message, "vbiosRim"))
                    object.vbiosRim = message.vbiosRim;
                if (message.ocsp && message.ocsp.length) {
                    object.ocsp = $Array(message.ocsp.length);
                    for (var j = 0; j < message.ocsp.length; ++j)
                        object.ocsp[j] = options.bytes === $String ? $util.base64.encode(message.ocsp[j], 0, message.ocsp[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.ocsp[j]) : message.ocsp[j];
                }
                return object;
            };

            /**
             * Converts this GpuEvidence to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.GpuEvidence
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            GpuEvidence.prototype.toJSON = function() {
                return GpuEvidence.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for GpuEvidence
             * @function getTypeUrl
             * @memberof chrysalis.v1.GpuEvidence
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            GpuEvidence.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.GpuEvidence";
            };

            return GpuEvidence;
        })();

        v1.RuntimeEventRecord = (function() {

            /**
             * Properties of a RuntimeEventRecord.
             * @typedef {Object} chrysalis.v1.RuntimeEventRecord.$Properties
             * @property {number|null} [version] RuntimeEventRecord version
             * @property {string|null} [name] RuntimeEventRecord name
             * @property {Uint8Array|null} [payload] RuntimeEventRecord payload
             * @property {boolean|null} [instanceSpecific] RuntimeEventRecord instanceSpecific
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RuntimeEventRecord.
             * @memberof chrysalis.v1
             * @interface IRuntimeEventRecord
             * @augments chrysalis.v1.RuntimeEventRecord.$Properties
             * @deprecated Use chrysalis.v1.RuntimeEventRecord.$Properties instead.
             */

            /**
             * Shape of a RuntimeEventRecord.
             * @typedef {chrysalis.v1.RuntimeEventRecord.$Properties} chrysalis.v1.RuntimeEventRecord.$Shape
             */

            /**
             * Constructs a new RuntimeEventRecord.
             * @memberof chrysalis.v1
             * @classdesc Represents a RuntimeEventRecord.
             * @constructor
             * @param {chrysalis.v1.RuntimeEventRecord.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var RuntimeEventRecord = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RuntimeEventRecord version.
             * @member {number} version
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @instance
             */
            RuntimeEventRecord.prototype.version = 0;

            /**
             * RuntimeEventRecord name.
             * @member {string} name
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @instance
             */
            RuntimeEventRecord.prototype.name = "";

            /**
             * RuntimeEventRecord payload.
             * @member {Uint8Array} payload
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @instance
             */
            RuntimeEventRecord.prototype.payload = $util.newBuffer([]);

            /**
             * RuntimeEventRecord instanceSpecific.
             * @member {boolean} instanceSpecific
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @instance
             */
            RuntimeEventRecord.prototype.instanceSpecific = false;

            /**
             * Creates a new RuntimeEventRecord instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {chrysalis.v1.RuntimeEventRecord.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.RuntimeEventRecord} RuntimeEventRecord instance
             * @type {{
             *   (properties: chrysalis.v1.RuntimeEventRecord.$Shape): chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape;
             *   (properties?: chrysalis.v1.RuntimeEventRecord.$Properties): chrysalis.v1.RuntimeEventRecord;
             * }}
             */
            RuntimeEventRecord.create = function(properties) {
                return new RuntimeEventRecord(properties);
            };

            /**
             * Encodes the specified RuntimeEventRecord message. Does not implicitly {@link chrysalis.v1.RuntimeEventRecord.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {chrysalis.v1.RuntimeEventRecord.$Properties} message RuntimeEventRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RuntimeEventRecord.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.payload);
                if (message.instanceSpecific != null && $Object.hasOwnProperty.call(message, "instanceSpecific") && message.instanceSpecific !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.instanceSpecific);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified RuntimeEventRecord message, length delimited. Does not implicitly {@link chrysalis.v1.RuntimeEventRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {chrysalis.v1.RuntimeEventRecord.$Properties} message RuntimeEventRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RuntimeEventRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a RuntimeEventRecord message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape} RuntimeEventRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RuntimeEventRecord.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.RuntimeEventRecord();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.instanceSpecific = value;
                            else
                                delete message.instanceSpecific;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a RuntimeEventRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape} RuntimeEventRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RuntimeEventRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a RuntimeEventRecord message.
             * @function verify
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RuntimeEventRecord.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    if (!(message.payload && typeof message.payload.length === "number" || $util.isString(message.payload)))
                        return "payload: buffer expected";
                if (message.instanceSpecific != null && $Object.hasOwnProperty.call(message, "instanceSpecific"))
                    if (typeof message.instanceSpecific !== "boolean")
                        return "instanceSpecific: boolean expected";
                return null;
            };

            /**
             * Creates a RuntimeEventRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.RuntimeEventRecord} RuntimeEventRecord
             */
            RuntimeEventRecord.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.RuntimeEventRecord)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.RuntimeEventRecord: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.RuntimeEventRecord();
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.payload != null)
                    if (object.payload.length)
                        if (typeof object.payload === "string")
                            $util.base64.decode(object.payload, message.payload = $util.newBuffer($util.base64.length(object.payload)), 0);
                        else if (object.payload.length >= 0)
                            message.payload = object.payload;
                if (object.instanceSpecific != null)
                    if (object.instanceSpecific)
                        message.instanceSpecific = $Boolean(object.instanceSpecific);
                return message;
            };

            /**
             * Creates a plain object from a RuntimeEventRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {chrysalis.v1.RuntimeEventRecord} message RuntimeEventRecord
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RuntimeEventRecord.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.version = 0;
                    object.name = "";
                    if (options.bytes === $String)
                        object.payload = "";
                    else {
                        object.payload = [];
                        if (options.bytes !== $Array)
                            object.payload = $util.newBuffer(object.payload);
                    }
                    object.instanceSpecific = false;
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    object.payload = options.bytes === $String ? $util.base64.encode(message.payload, 0, message.payload.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.payload) : message.payload;
                if (message.instanceSpecific != null && $Object.hasOwnProperty.call(message, "instanceSpecific"))
                    object.instanceSpecific = message.instanceSpecific;
                return object;
            };

            /**
             * Converts this RuntimeEventRecord to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RuntimeEventRecord.prototype.toJSON = function() {
                return RuntimeEventRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RuntimeEventRecord
             * @function getTypeUrl
             * @memberof chrysalis.v1.RuntimeEventRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RuntimeEventRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.RuntimeEventRecord";
            };

            return RuntimeEventRecord;
        })();

        v1.EvidenceBundle = (function() {

            /**
             * Properties of an EvidenceBundle.
             * @typedef {Object} chrysalis.v1.EvidenceBundle.$Properties
             * @property {number|null} [version] EvidenceBundle version
             * @property {Uint8Array|null} [claims] EvidenceBundle claims
             * @property {Uint8Array|null} [tdxQuote] EvidenceBundle tdxQuote
             * @property {Array.<chrysalis.v1.GpuEvidence.$Properties>|null} [gpus] EvidenceBundle gpus
             * @property {string|null} [tdxCollateralJson] EvidenceBundle tdxCollateralJson
             * @property {Array.<chrysalis.v1.RuntimeEventRecord.$Properties>|null} [runtimeEvents] EvidenceBundle runtimeEvents
             * @property {Uint8Array|null} [firmwareEventLog] EvidenceBundle firmwareEventLog
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvidenceBundle.
             * @memberof chrysalis.v1
             * @interface IEvidenceBundle
             * @augments chrysalis.v1.EvidenceBundle.$Properties
             * @deprecated Use chrysalis.v1.EvidenceBundle.$Properties instead.
             */

            /**
             * Shape of an EvidenceBundle.
             * @typedef {chrysalis.v1.EvidenceBundle.$Properties} chrysalis.v1.EvidenceBundle.$Shape
             */

            /**
             * Constructs a new EvidenceBundle.
             * @memberof chrysalis.v1
             * @classdesc Represents an EvidenceBundle.
             * @constructor
             * @param {chrysalis.v1.EvidenceBundle.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var EvidenceBundle = function (properties) {
                this.gpus = [];
                this.runtimeEvents = [];
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EvidenceBundle version.
             * @member {number} version
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.version = 0;

            /**
             * EvidenceBundle claims.
             * @member {Uint8Array} claims
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.claims = $util.newBuffer([]);

            /**
             * EvidenceBundle tdxQuote.
             * @member {Uint8Array} tdxQuote
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.tdxQuote = $util.newBuffer([]);

            /**
             * EvidenceBundle gpus.
             * @member {Array.<chrysalis.v1.GpuEvidence.$Properties>} gpus
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.gpus = $util.emptyArray;

            /**
             * EvidenceBundle tdxCollateralJson.
             * @member {string} tdxCollateralJson
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.tdxCollateralJson = "";

            /**
             * EvidenceBundle runtimeEvents.
             * @member {Array.<chrysalis.v1.RuntimeEventRecord.$Properties>} runtimeEvents
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.runtimeEvents = $util.emptyArray;

            /**
             * EvidenceBundle firmwareEventLog.
             * @member {Uint8Array} firmwareEventLog
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             */
            EvidenceBundle.prototype.firmwareEventLog = $util.newBuffer([]);

            /**
             * Creates a new EvidenceBundle instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {chrysalis.v1.EvidenceBundle.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.EvidenceBundle} EvidenceBundle instance
             * @type {{
             *   (properties: chrysalis.v1.EvidenceBundle.$Shape): chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape;
             *   (properties?: chrysalis.v1.EvidenceBundle.$Properties): chrysalis.v1.EvidenceBundle;
             * }}
             */
            EvidenceBundle.create = function(properties) {
                return new EvidenceBundle(properties);
            };

            /**
             * Encodes the specified EvidenceBundle message. Does not implicitly {@link chrysalis.v1.EvidenceBundle.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {chrysalis.v1.EvidenceBundle.$Properties} message EvidenceBundle message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvidenceBundle.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.claims != null && $Object.hasOwnProperty.call(message, "claims") && message.claims.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.claims);
                if (message.tdxQuote != null && $Object.hasOwnProperty.call(message, "tdxQuote") && message.tdxQuote.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.tdxQuote);
                if (message.gpus != null && message.gpus.length)
                    for (var i = 0; i < message.gpus.length; ++i)
                        $root.chrysalis.v1.GpuEvidence.encode(message.gpus[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.tdxCollateralJson != null && $Object.hasOwnProperty.call(message, "tdxCollateralJson") && message.tdxCollateralJson !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.tdxCollateralJson);
                if (message.runtimeEvents != null && message.runtimeEvents.length)
                    for (var i = 0; i < message.runtimeEvents.length; ++i)
                        $root.chrysalis.v1.RuntimeEventRecord.encode(message.runtimeEvents[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.firmwareEventLog != null && $Object.hasOwnProperty.call(message, "firmwareEventLog") && message.firmwareEventLog.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.firmwareEventLog);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified EvidenceBundle message, length delimited. Does not implicitly {@link chrysalis.v1.EvidenceBundle.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {chrysalis.v1.EvidenceBundle.$Properties} message EvidenceBundle message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvidenceBundle.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EvidenceBundle message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape} EvidenceBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvidenceBundle.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.EvidenceBundle();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.claims = value;
                            else
                                delete message.claims;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.tdxQuote = value;
                            else
                                delete message.tdxQuote;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.gpus && message.gpus.length))
                                message.gpus = [];
                            message.gpus.push($root.chrysalis.v1.GpuEvidence.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tdxCollateralJson = value;
                            else
                                delete message.tdxCollateralJson;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.runtimeEvents && message.runtimeEvents.length))
                                message.runtimeEvents = [];
                            message.runtimeEvents.push($root.chrysalis.v1.RuntimeEventRecord.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.firmwareEventLog = value;
                            else
                                delete message.firmwareEventLog;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an EvidenceBundle message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape} EvidenceBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvidenceBundle.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EvidenceBundle message.
             * @function verify
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EvidenceBundle.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version))
                        return "version: integer expected";
                if (message.claims != null && $Object.hasOwnProperty.call(message, "claims"))
                    if (!(message.claims && typeof message.claims.length === "number" || $util.isString(message.claims)))
                        return "claims: buffer expected";
                if (message.tdxQuote != null && $Object.hasOwnProperty.call(message, "tdxQuote"))
                    if (!(message.tdxQuote && typeof message.tdxQuote.length === "number" || $util.isString(message.tdxQuote)))
                        return "tdxQuote: buffer expected";
                if (message.gpus != null && $Object.hasOwnProperty.call(message, "gpus")) {
                    if (!$Array.isArray(message.gpus))
                        return "gpus: array expected";
                    for (var i = 0; i < message.gpus.length; ++i) {
                        var error = $root.chrysalis.v1.GpuEvidence.verify(message.gpus[i], _depth + 1);
                        if (error)
                            return "gpus." + error;
                    }
                }
                if (message.tdxCollateralJson != null && $Object.hasOwnProperty.call(message, "tdxCollateralJson"))
                    if (!$util.isString(message.tdxCollateralJson))
                        return "tdxCollateralJson: string expected";
                if (message.runtimeEvents != null && $Object.hasOwnProperty.call(message, "runtimeEvents")) {
                    if (!$Array.isArray(message.runtimeEvents))
                        return "runtimeEvents: array expected";
                    for (var i = 0; i < message.runtimeEvents.length; ++i) {
                        var error = $root.chrysalis.v1.RuntimeEventRecord.verify(message.runtimeEvents[i], _depth + 1);
                        if (error)
                            return "runtimeEvents." + error;
                    }
                }
                if (message.firmwareEventLog != null && $Object.hasOwnProperty.call(message, "firmwareEventLog"))
                    if (!(message.firmwareEventLog && typeof message.firmwareEventLog.length === "number" || $util.isString(message.firmwareEventLog)))
                        return "firmwareEventLog: buffer expected";
                return null;
            };

            /**
             * Creates an EvidenceBundle message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.EvidenceBundle} EvidenceBundle
             */
            EvidenceBundle.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.EvidenceBundle)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.EvidenceBundle: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.EvidenceBundle();
                if (object.version != null)
                    if ($Number(object.version) !== 0)
                        message.version = object.version >>> 0;
                if (object.claims != null)
                    if (object.claims.length)
                        if (typeof object.claims === "string")
                            $util.base64.decode(object.claims, message.claims = $util.newBuffer($util.base64.length(object.claims)), 0);
                        else if (object.claims.length >= 0)
                            message.claims = object.claims;
                if (object.tdxQuote != null)
                    if (object.tdxQuote.length)
                        if (typeof object.tdxQuote === "string")
                            $util.base64.decode(object.tdxQuote, message.tdxQuote = $util.newBuffer($util.base64.length(object.tdxQuote)), 0);
                        else if (object.tdxQuote.length >= 0)
                            message.tdxQuote = object.tdxQuote;
                if (object.gpus) {
                    if (!$Array.isArray(object.gpus))
                        throw $TypeError(".chrysalis.v1.EvidenceBundle.gpus: array expected");
                    message.gpus = $Array(object.gpus.length);
                    for (var i = 0; i < object.gpus.length; ++i) {
                        if (!$util.isObject(object.gpus[i]))
                            throw $TypeError(".chrysalis.v1.EvidenceBundle.gpus: object expected");
                        message.gpus[i] = $root.chrysalis.v1.GpuEvidence.fromObject(object.gpus[i], _depth + 1);
                    }
                }
                if (object.tdxCollateralJson != null)
                    if (typeof object.tdxCollateralJson !== "string" || object.tdxCollateralJson.length)
                        message.tdxCollateralJson = $String(object.tdxCollateralJson);
                if (object.runtimeEvents) {
                    if (!$Array.isArray(object.runtimeEvents))
                        throw $TypeError(".chrysalis.v1.EvidenceBundle.runtimeEvents: array expected");
                    message.runtimeEvents = $Array(object.runtimeEvents.length);
                    for (var i = 0; i < object.runtimeEvents.length; ++i) {
                        if (!$util.isObject(object.runtimeEvents[i]))
                            throw $TypeError(".chrysalis.v1.EvidenceBundle.runtimeEvents: object expected");
                        message.runtimeEvents[i] = $root.chrysalis.v1.RuntimeEventRecord.fromObject(object.runtimeEvents[i], _depth + 1);
                    }
                }
                if (object.firmwareEventLog != null)
                    if (object.firmwareEventLog.length)
                        if (typeof object.firmwareEventLog === "string")
                            $util.base64.decode(object.firmwareEventLog, message.firmwareEventLog = $util.newBuffer($util.base64.length(object.firmwareEventLog)), 0);
                        else if (object.firmwareEventLog.length >= 0)
                            message.firmwareEventLog = object.firmwareEventLog;
                return message;
            };

            /**
             * Creates a plain object from an EvidenceBundle message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {chrysalis.v1.EvidenceBundle} message EvidenceBundle
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvidenceBundle.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.arrays || options.defaults) {
                    object.gpus = [];
                    object.runtimeEvents = [];
                }
                if (options.defaults) {
                    object.version = 0;
                    if (options.bytes === $String)
                        object.claims = "";
                    else {
                        object.claims = [];
                        if (options.bytes !== $Array)
                            object.claims = $util.newBuffer(object.claims);
                    }
                    if (options.bytes === $String)
                        object.tdxQuote = "";
                    else {
                        object.tdxQuote = [];
                        if (options.bytes !== $Array)
                            object.tdxQuote = $util.newBuffer(object.tdxQuote);
                    }
                    object.tdxCollateralJson = "";
                    if (options.bytes === $String)
                        object.firmwareEventLog = "";
                    else {
                        object.firmwareEventLog = [];
                        if (options.bytes !== $Array)
                            object.firmwareEventLog = $util.newBuffer(object.firmwareEventLog);
                    }
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                if (message.claims != null && $Object.hasOwnProperty.call(message, "claims"))
                    object.claims = options.bytes === $String ? $util.base64.encode(message.claims, 0, message.claims.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.claims) : message.claims;
                if (message.tdxQuote != null && $Object.hasOwnProperty.call(message, "tdxQuote"))
                    object.tdxQuote = options.bytes === $String ? $util.base64.encode(message.tdxQuote, 0, message.tdxQuote.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.tdxQuote) : message.tdxQuote;
                if (message.gpus && message.gpus.length) {
                    object.gpus = $Array(message.gpus.length);
                    for (var j = 0; j < message.gpus.length; ++j)
                        object.gpus[j] = $root.chrysalis.v1.GpuEvidence.toObject(message.gpus[j], options, _depth + 1);
                }
                if (message.tdxCollateralJson != null && $Object.hasOwnProperty.call(message, "tdxCollateralJson"))
                    object.tdxCollateralJson = message.tdxCollateralJson;
                if (message.runtimeEvents && message.runtimeEvents.length) {
                    object.runtimeEvents = $Array(message.runtimeEvents.length);
                    for (var j = 0; j < message.runtimeEvents.length; ++j)
                        object.runtimeEvents[j] = $root.chrysalis.v1.RuntimeEventRecord.toObject(message.runtimeEvents[j], options, _depth + 1);
                }
                if (message.firmwareEventLog != null && $Object.hasOwnProperty.call(message, "firmwareEventLog"))
                    object.firmwareEventLog = options.bytes === $String ? $util.base64.encode(message.firmwareEventLog, 0, message.firmwareEventLog.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.firmwareEventLog) : message.firmwareEventLog;
                return object;
            };

            /**
             * Converts this EvidenceBundle to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.EvidenceBundle
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvidenceBundle.prototype.toJSON = function() {
                return EvidenceBundle.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EvidenceBundle
             * @function getTypeUrl
             * @memberof chrysalis.v1.EvidenceBundle
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvidenceBundle.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.EvidenceBundle";
            };

            return EvidenceBundle;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} chrysalis.v1.Hello.$Properties
             * @property {number|null} [protocolVersion] Hello protocolVersion
             * @property {Array.<number>|null} [supportedVersions] Hello supportedVersions
             * @property {string|null} [workerVersion] Hello workerVersion
             * @property {number|null} [maxConcurrency] Hello maxConcurrency
             * @property {string|null} [workerName] Hello workerName
             * @property {string|null} [payoutAddress] Hello payoutAddress
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof chrysalis.v1
             * @interface IHello
             * @augments chrysalis.v1.Hello.$Properties
             * @deprecated Use chrysalis.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {chrysalis.v1.Hello.$Properties} chrysalis.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof chrysalis.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {chrysalis.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Hello = function (properties) {
                this.supportedVersions = [];
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello protocolVersion.
             * @member {number} protocolVersion
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.protocolVersion = 0;

            /**
             * Hello supportedVersions.
             * @member {Array.<number>} supportedVersions
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.supportedVersions = $util.emptyArray;

            /**
             * Hello workerVersion.
             * @member {string} workerVersion
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.workerVersion = "";

            /**
             * Hello maxConcurrency.
             * @member {number} maxConcurrency
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.maxConcurrency = 0;

            /**
             * Hello workerName.
             * @member {string} workerName
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.workerName = "";

            /**
             * Hello payoutAddress.
             * @member {string} payoutAddress
             * @memberof chrysalis.v1.Hello
             * @instance
             */
            Hello.prototype.payoutAddress = "";

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {chrysalis.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Hello} Hello instance
             * @type {{
             *   (properties: chrysalis.v1.Hello.$Shape): chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape;
             *   (properties?: chrysalis.v1.Hello.$Properties): chrysalis.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link chrysalis.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {chrysalis.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
                if (message.supportedVersions != null && message.supportedVersions.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).uint32s(message.supportedVersions);
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion") && message.workerVersion !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.workerVersion);
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency") && message.maxConcurrency !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.maxConcurrency);
                if (message.workerName != null && $Object.hasOwnProperty.call(message, "workerName") && message.workerName !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.workerName);
                if (message.payoutAddress != null && $Object.hasOwnProperty.call(message, "payoutAddress") && message.payoutAddress !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.payoutAddress);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link chrysalis.v1.Hello.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {chrysalis.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Hello();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType === 2) {
                                if (!(message.supportedVersions && message.supportedVersions.length))
                                    message.supportedVersions = [];
                                reader.uint32s(message.supportedVersions);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.supportedVersions && message.supportedVersions.length))
                                message.supportedVersions = [];
                            message.supportedVersions.push(reader.uint32());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerVersion = value;
                            else
                                delete message.workerVersion;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxConcurrency = value;
                            else
                                delete message.maxConcurrency;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerName = value;
                            else
                                delete message.workerName;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.payoutAddress = value;
                            else
                                delete message.payoutAddress;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Hello message.
             * @function verify
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    if (!$util.isInteger(message.protocolVersion))
                        return "protocolVersion: integer expected";
                if (message.supportedVersions != null && $Object.hasOwnProperty.call(message, "supportedVersions")) {
                    if (!$Array.isArray(message.supportedVersions))
                        return "supportedVersions: array expected";
                    for (var i = 0; i < message.supportedVersions.length; ++i)
                        if (!$util.isInteger(message.supportedVersions[i]))
                            return "supportedVersions: integer[] expected";
                }
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion"))
                    if (!$util.isString(message.workerVersion))
                        return "workerVersion: string expected";
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency"))
                    if (!$util.isInteger(message.maxConcurrency))
                        return "maxConcurrency: integer expected";
                if (message.workerName != null && $Object.hasOwnProperty.call(message, "workerName"))
                    if (!$util.isString(message.workerName))
                        return "workerName: string expected";
                if (message.payoutAddress != null && $Object.hasOwnProperty.call(message, "payoutAddress"))
                    if (!$util.isString(message.payoutAddress))
                        return "payoutAddress: string expected";
                return null;
            };

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Hello} Hello
             */
            Hello.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Hello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Hello();
                if (object.protocolVersion != null)
                    if ($Number(object.protocolVersion) !== 0)
                        message.protocolVersion = object.protocolVersion >>> 0;
                if (object.supportedVersions) {
                    if (!$Array.isArray(object.supportedVersions))
                        throw $TypeError(".chrysalis.v1.Hello.supportedVersions: array expected");
                    message.supportedVersions = $Array(object.supportedVersions.length);
                    for (var i = 0; i < object.supportedVersions.length; ++i)
                        message.supportedVersions[i] = object.supportedVersions[i] >>> 0;
                }
                if (object.workerVersion != null)
                    if (typeof object.workerVersion !== "string" || object.workerVersion.length)
                        message.workerVersion = $String(object.workerVersion);
                if (object.maxConcurrency != null)
                    if ($Number(object.maxConcurrency) !== 0)
                        message.maxConcurrency = object.maxConcurrency >>> 0;
                if (object.workerName != null)
                    if (typeof object.workerName !== "string" || object.workerName.length)
                        message.workerName = $String(object.workerName);
                if (object.payoutAddress != null)
                    if (typeof object.payoutAddress !== "string" || object.payoutAddress.length)
                        message.payoutAddress = $String(object.payoutAddress);
                return message;
            };

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {chrysalis.v1.Hello} message Hello
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hello.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.arrays || options.defaults)
                    object.supportedVersions = [];
                if (options.defaults) {
                    object.protocolVersion = 0;
                    object.workerVersion = "";
                    object.maxConcurrency = 0;
                    object.workerName = "";
                    object.payoutAddress = "";
                }
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    object.protocolVersion = message.protocolVersion;
                if (message.supportedVersions && message.supportedVersions.length) {
                    object.supportedVersions = $Array(message.supportedVersions.length);
                    for (var j = 0; j < message.supportedVersions.length; ++j)
                        object.supportedVersions[j] = message.supportedVersions[j];
                }
                if (message.workerVersion != null && $Object.hasOwnProperty.call(message, "workerVersion"))
                    object.workerVersion = message.workerVersion;
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency"))
                    object.maxConcurrency = message.maxConcurrency;
                if (message.workerName != null && $Object.hasOwnProperty.call(message, "workerName"))
                    object.workerName = message.workerName;
                if (message.payoutAddress != null && $Object.hasOwnProperty.call(message, "payoutAddress"))
                    object.payoutAddress = message.payoutAddress;
                return object;
            };

            /**
             * Converts this Hello to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Hello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof chrysalis.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Hello";
            };

            return Hello;
        })();

        v1.BundleSubmit = (function() {

            /**
             * Properties of a BundleSubmit.
             * @typedef {Object} chrysalis.v1.BundleSubmit.$Properties
             * @property {Uint8Array|null} [challenge] BundleSubmit challenge
             * @property {Uint8Array|null} [bundle] BundleSubmit bundle
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BundleSubmit.
             * @memberof chrysalis.v1
             * @interface IBundleSubmit
             * @augments chrysalis.v1.BundleSubmit.$Properties
             * @deprecated Use chrysalis.v1.BundleSubmit.$Properties instead.
             */

            /**
             * Shape of a BundleSubmit.
             * @typedef {chrysalis.v1.BundleSubmit.$Properties} chrysalis.v1.BundleSubmit.$Shape
             */

            /**
             * Constructs a new BundleSubmit.
             * @memberof chrysalis.v1
             * @classdesc Represents a BundleSubmit.
             * @constructor
             * @param {chrysalis.v1.BundleSubmit.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var BundleSubmit = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BundleSubmit challenge.
             * @member {Uint8Array} challenge
             * @memberof chrysalis.v1.BundleSubmit
             * @instance
             */
            BundleSubmit.prototype.challenge = $util.newBuffer([]);

            /**
             * BundleSubmit bundle.
             * @member {Uint8Array} bundle
             * @memberof chrysalis.v1.BundleSubmit
             * @instance
             */
            BundleSubmit.prototype.bundle = $util.newBuffer([]);

            /**
             * Creates a new BundleSubmit instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {chrysalis.v1.BundleSubmit.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.BundleSubmit} BundleSubmit instance
             * @type {{
             *   (properties: chrysalis.v1.BundleSubmit.$Shape): chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape;
             *   (properties?: chrysalis.v1.BundleSubmit.$Properties): chrysalis.v1.BundleSubmit;
             * }}
             */
            BundleSubmit.create = function(properties) {
                return new BundleSubmit(properties);
            };

            /**
             * Encodes the specified BundleSubmit message. Does not implicitly {@link chrysalis.v1.BundleSubmit.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {chrysalis.v1.BundleSubmit.$Properties} message BundleSubmit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BundleSubmit.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge") && message.challenge.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.challenge);
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle") && message.bundle.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.bundle);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified BundleSubmit message, length delimited. Does not implicitly {@link chrysalis.v1.BundleSubmit.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {chrysalis.v1.BundleSubmit.$Properties} message BundleSubmit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BundleSubmit.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BundleSubmit message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape} BundleSubmit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BundleSubmit.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.BundleSubmit();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.challenge = value;
                            else
                                delete message.challenge;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.bundle = value;
                            else
                                delete message.bundle;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a BundleSubmit message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape} BundleSubmit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BundleSubmit.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BundleSubmit message.
             * @function verify
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BundleSubmit.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    if (!(message.challenge && typeof message.challenge.length === "number" || $util.isString(message.challenge)))
                        return "challenge: buffer expected";
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle"))
                    if (!(message.bundle && typeof message.bundle.length === "number" || $util.isString(message.bundle)))
                        return "bundle: buffer expected";
                return null;
            };

            /**
             * Creates a BundleSubmit message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.BundleSubmit} BundleSubmit
             */
            BundleSubmit.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.BundleSubmit)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.BundleSubmit: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.BundleSubmit();
                if (object.challenge != null)
                    if (object.challenge.length)
                        if (typeof object.challenge === "string")
                            $util.base64.decode(object.challenge, message.challenge = $util.newBuffer($util.base64.length(object.challenge)), 0);
                        else if (object.challenge.length >= 0)
                            message.challenge = object.challenge;
                if (object.bundle != null)
                    if (object.bundle.length)
                        if (typeof object.bundle === "string")
                            $util.base64.decode(object.bundle, message.bundle = $util.newBuffer($util.base64.length(object.bundle)), 0);
                        else if (object.bundle.length >= 0)
                            message.bundle = object.bundle;
                return message;
            };

            /**
             * Creates a plain object from a BundleSubmit message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {chrysalis.v1.BundleSubmit} message BundleSubmit
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BundleSubmit.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.challenge = "";
                    else {
                        object.challenge = [];
                        if (options.bytes !== $Array)
                            object.challenge = $util.newBuffer(object.challenge);
                    }
                    if (options.bytes === $String)
                        object.bundle = "";
                    else {
                        object.bundle = [];
                        if (options.bytes !== $Array)
                            object.bundle = $util.newBuffer(object.bundle);
                    }
                }
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    object.challenge = options.bytes === $String ? $util.base64.encode(message.challenge, 0, message.challenge.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.challenge) : message.challenge;
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle"))
                    object.bundle = options.bytes === $String ? $util.base64.encode(message.bundle, 0, message.bundle.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.bundle) : message.bundle;
                return object;
            };

            /**
             * Converts this BundleSubmit to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.BundleSubmit
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BundleSubmit.prototype.toJSON = function() {
                return BundleSubmit.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BundleSubmit
             * @function getTypeUrl
             * @memberof chrysalis.v1.BundleSubmit
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BundleSubmit.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.BundleSubmit";
            };

            return BundleSubmit;
        })();

        v1.SealedChunk = (function() {

            /**
             * Properties of a SealedChunk.
             * @typedef {Object} chrysalis.v1.SealedChunk.$Properties
             * @property {string|null} [requestId] SealedChunk requestId
             * @property {Uint8Array|null} [frame] SealedChunk frame
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SealedChunk.
             * @memberof chrysalis.v1
             * @interface ISealedChunk
             * @augments chrysalis.v1.SealedChunk.$Properties
             * @deprecated Use chrysalis.v1.SealedChunk.$Properties instead.
             */

            /**
             * Shape of a SealedChunk.
             * @typedef {chrysalis.v1.SealedChunk.$Properties} chrysalis.v1.SealedChunk.$Shape
             */

            /**
             * Constructs a new SealedChunk.
             * @memberof chrysalis.v1
             * @classdesc Represents a SealedChunk.
             * @constructor
             * @param {chrysalis.v1.SealedChunk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var SealedChunk = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SealedChunk requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.SealedChunk
             * @instance
             */
            SealedChunk.prototype.requestId = "";

            /**
             * SealedChunk frame.
             * @member {Uint8Array} frame
             * @memberof chrysalis.v1.SealedChunk
             * @instance
             */
            SealedChunk.prototype.frame = $util.newBuffer([]);

            /**
             * Creates a new SealedChunk instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {chrysalis.v1.SealedChunk.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.SealedChunk} SealedChunk instance
             * @type {{
             *   (properties: chrysalis.v1.SealedChunk.$Shape): chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape;
             *   (properties?: chrysalis.v1.SealedChunk.$Properties): chrysalis.v1.SealedChunk;
             * }}
             */
            SealedChunk.create = function(properties) {
                return new SealedChunk(properties);
            };

            /**
             * Encodes the specified SealedChunk message. Does not implicitly {@link chrysalis.v1.SealedChunk.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {chrysalis.v1.SealedChunk.$Properties} message SealedChunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SealedChunk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.frame != null && $Object.hasOwnProperty.call(message, "frame") && message.frame.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.frame);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SealedChunk message, length delimited. Does not implicitly {@link chrysalis.v1.SealedChunk.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {chrysalis.v1.SealedChunk.$Properties} message SealedChunk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SealedChunk.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SealedChunk message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape} SealedChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SealedChunk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.SealedChunk();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.frame = value;
                            else
                                delete message.frame;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SealedChunk message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape} SealedChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SealedChunk.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SealedChunk message.
             * @function verify
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SealedChunk.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.frame != null && $Object.hasOwnProperty.call(message, "frame"))
                    if (!(message.frame && typeof message.frame.length === "number" || $util.isString(message.frame)))
                        return "frame: buffer expected";
                return null;
            };

            /**
             * Creates a SealedChunk message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.SealedChunk} SealedChunk
             */
            SealedChunk.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.SealedChunk)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.SealedChunk: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.SealedChunk();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.frame != null)
                    if (object.frame.length)
                        if (typeof object.frame === "string")
                            $util.base64.decode(object.frame, message.frame = $util.newBuffer($util.base64.length(object.frame)), 0);
                        else if (object.frame.length >= 0)
                            message.frame = object.frame;
                return message;
            };

            /**
             * Creates a plain object from a SealedChunk message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {chrysalis.v1.SealedChunk} message SealedChunk
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SealedChunk.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    if (options.bytes === $String)
                        object.frame = "";
                    else {
                        object.frame = [];
                        if (options.bytes !== $Array)
                            object.frame = $util.newBuffer(object.frame);
                    }
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.frame != null && $Object.hasOwnProperty.call(message, "frame"))
                    object.frame = options.bytes === $String ? $util.base64.encode(message.frame, 0, message.frame.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.frame) : message.frame;
                return object;
            };

            /**
             * Converts this SealedChunk to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.SealedChunk
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SealedChunk.prototype.toJSON = function() {
                return SealedChunk.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SealedChunk
             * @function getTypeUrl
             * @memberof chrysalis.v1.SealedChunk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SealedChunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.SealedChunk";
            };

            return SealedChunk;
        })();

        v1.ReceiptMsg = (function() {

            /**
             * Properties of a ReceiptMsg.
             * @typedef {Object} chrysalis.v1.ReceiptMsg.$Properties
             * @property {string|null} [requestId] ReceiptMsg requestId
             * @property {Uint8Array|null} [receipt] ReceiptMsg receipt
             * @property {Uint8Array|null} [signature] ReceiptMsg signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReceiptMsg.
             * @memberof chrysalis.v1
             * @interface IReceiptMsg
             * @augments chrysalis.v1.ReceiptMsg.$Properties
             * @deprecated Use chrysalis.v1.ReceiptMsg.$Properties instead.
             */

            /**
             * Shape of a ReceiptMsg.
             * @typedef {chrysalis.v1.ReceiptMsg.$Properties} chrysalis.v1.ReceiptMsg.$Shape
             */

            /**
             * Constructs a new ReceiptMsg.
             * @memberof chrysalis.v1
             * @classdesc Represents a ReceiptMsg.
             * @constructor
             * @param {chrysalis.v1.ReceiptMsg.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ReceiptMsg = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ReceiptMsg requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.ReceiptMsg
             * @instance
             */
            ReceiptMsg.prototype.requestId = "";

            /**
             * ReceiptMsg receipt.
             * @member {Uint8Array} receipt
             * @memberof chrysalis.v1.ReceiptMsg
             * @instance
             */
            ReceiptMsg.prototype.receipt = $util.newBuffer([]);

            /**
             * ReceiptMsg signature.
             * @member {Uint8Array} signature
             * @memberof chrysalis.v1.ReceiptMsg
             * @instance
             */
            ReceiptMsg.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new ReceiptMsg instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {chrysalis.v1.ReceiptMsg.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.ReceiptMsg} ReceiptMsg instance
             * @type {{
             *   (properties: chrysalis.v1.ReceiptMsg.$Shape): chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape;
             *   (properties?: chrysalis.v1.ReceiptMsg.$Properties): chrysalis.v1.ReceiptMsg;
             * }}
             */
            ReceiptMsg.create = function(properties) {
                return new ReceiptMsg(properties);
            };

            /**
             * Encodes the specified ReceiptMsg message. Does not implicitly {@link chrysalis.v1.ReceiptMsg.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {chrysalis.v1.ReceiptMsg.$Properties} message ReceiptMsg message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReceiptMsg.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt") && message.receipt.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.receipt);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ReceiptMsg message, length delimited. Does not implicitly {@link chrysalis.v1.ReceiptMsg.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {chrysalis.v1.ReceiptMsg.$Properties} message ReceiptMsg message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReceiptMsg.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ReceiptMsg message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape} ReceiptMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReceiptMsg.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.ReceiptMsg();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.receipt = value;
                            else
                                delete message.receipt;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a ReceiptMsg message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape} ReceiptMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReceiptMsg.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ReceiptMsg message.
             * @function verify
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReceiptMsg.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt"))
                    if (!(message.receipt && typeof message.receipt.length === "number" || $util.isString(message.receipt)))
                        return "receipt: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                return null;
            };

            /**
             * Creates a ReceiptMsg message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.ReceiptMsg} ReceiptMsg
             */
            ReceiptMsg.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.ReceiptMsg)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.ReceiptMsg: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.ReceiptMsg();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.receipt != null)
                    if (object.receipt.length)
                        if (typeof object.receipt === "string")
                            $util.base64.decode(object.receipt, message.receipt = $util.newBuffer($util.base64.length(object.receipt)), 0);
                        else if (object.receipt.length >= 0)
                            message.receipt = object.receipt;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                return message;
            };

            /**
             * Creates a plain object from a ReceiptMsg message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {chrysalis.v1.ReceiptMsg} message ReceiptMsg
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReceiptMsg.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    if (options.bytes === $String)
                        object.receipt = "";
                    else {
                        object.receipt = [];
                        if (options.bytes !== $Array)
                            object.receipt = $util.newBuffer(object.receipt);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt"))
                    object.receipt = options.bytes === $String ? $util.base64.encode(message.receipt, 0, message.receipt.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.receipt) : message.receipt;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                return object;
            };

            /**
             * Converts this ReceiptMsg to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.ReceiptMsg
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReceiptMsg.prototype.toJSON = function() {
                return ReceiptMsg.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReceiptMsg
             * @function getTypeUrl
             * @memberof chrysalis.v1.ReceiptMsg
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReceiptMsg.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.ReceiptMsg";
            };

            return ReceiptMsg;
        })();

        v1.RequestFailed = (function() {

            /**
             * Properties of a RequestFailed.
             * @typedef {Object} chrysalis.v1.RequestFailed.$Properties
             * @property {string|null} [requestId] RequestFailed requestId
             * @property {string|null} [code] RequestFailed code
             * @property {string|null} [message] RequestFailed message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RequestFailed.
             * @memberof chrysalis.v1
             * @interface IRequestFailed
             * @augments chrysalis.v1.RequestFailed.$Properties
             * @deprecated Use chrysalis.v1.RequestFailed.$Properties instead.
             */

            /**
             * Shape of a RequestFailed.
             * @typedef {chrysalis.v1.RequestFailed.$Properties} chrysalis.v1.RequestFailed.$Shape
             */

            /**
             * Constructs a new RequestFailed.
             * @memberof chrysalis.v1
             * @classdesc Represents a RequestFailed.
             * @constructor
             * @param {chrysalis.v1.RequestFailed.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var RequestFailed = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RequestFailed requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.RequestFailed
             * @instance
             */
            RequestFailed.prototype.requestId = "";

            /**
             * RequestFailed code.
             * @member {string} code
             * @memberof chrysalis.v1.RequestFailed
             * @instance
             */
            RequestFailed.prototype.code = "";

            /**
             * RequestFailed message.
             * @member {string} message
             * @memberof chrysalis.v1.RequestFailed
             * @instance
             */
            RequestFailed.prototype.message = "";

            /**
             * Creates a new RequestFailed instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {chrysalis.v1.RequestFailed.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.RequestFailed} RequestFailed instance
             * @type {{
             *   (properties: chrysalis.v1.RequestFailed.$Shape): chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape;
             *   (properties?: chrysalis.v1.RequestFailed.$Properties): chrysalis.v1.RequestFailed;
             * }}
             */
            RequestFailed.create = function(properties) {
                return new RequestFailed(properties);
            };

            /**
             * Encodes the specified RequestFailed message. Does not implicitly {@link chrysalis.v1.RequestFailed.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {chrysalis.v1.RequestFailed.$Properties} message RequestFailed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RequestFailed.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified RequestFailed message, length delimited. Does not implicitly {@link chrysalis.v1.RequestFailed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {chrysalis.v1.RequestFailed.$Properties} message RequestFailed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RequestFailed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a RequestFailed message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape} RequestFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RequestFailed.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.RequestFailed();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a RequestFailed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape} RequestFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RequestFailed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a RequestFailed message.
             * @function verify
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RequestFailed.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                return null;
            };

            /**
             * Creates a RequestFailed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.RequestFailed} RequestFailed
             */
            RequestFailed.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.RequestFailed)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.RequestFailed: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.RequestFailed();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                return message;
            };

            /**
             * Creates a plain object from a RequestFailed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {chrysalis.v1.RequestFailed} message RequestFailed
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RequestFailed.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.code = "";
                    object.message = "";
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                return object;
            };

            /**
             * Converts this RequestFailed to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.RequestFailed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RequestFailed.prototype.toJSON = function() {
                return RequestFailed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RequestFailed
             * @function getTypeUrl
             * @memberof chrysalis.v1.RequestFailed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RequestFailed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.RequestFailed";
            };

            return RequestFailed;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} chrysalis.v1.Heartbeat.$Properties
             * @property {number|null} [seq] Heartbeat seq
             * @property {number|null} [sentAtMs] Heartbeat sentAtMs
             * @property {number|null} [inFlight] Heartbeat inFlight
             * @property {boolean|null} [reply] Heartbeat reply
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof chrysalis.v1
             * @interface IHeartbeat
             * @augments chrysalis.v1.Heartbeat.$Properties
             * @deprecated Use chrysalis.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {chrysalis.v1.Heartbeat.$Properties} chrysalis.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof chrysalis.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {chrysalis.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Heartbeat = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Heartbeat seq.
             * @member {number} seq
             * @memberof chrysalis.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat sentAtMs.
             * @member {number} sentAtMs
             * @memberof chrysalis.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat inFlight.
             * @member {number} inFlight
             * @memberof chrysalis.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.inFlight = 0;

            /**
             * Heartbeat reply.
             * @member {boolean} reply
             * @memberof chrysalis.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.reply = false;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {chrysalis.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: chrysalis.v1.Heartbeat.$Shape): chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape;
             *   (properties?: chrysalis.v1.Heartbeat.$Properties): chrysalis.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link chrysalis.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {chrysalis.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs") && (typeof message.sentAtMs === "object" ? message.sentAtMs.low || message.sentAtMs.high : message.sentAtMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.sentAtMs);
                if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight") && message.inFlight !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.inFlight);
                if (message.reply != null && $Object.hasOwnProperty.call(message, "reply") && message.reply !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.reply);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link chrysalis.v1.Heartbeat.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {chrysalis.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Heartbeat();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAtMs = value;
                            else
                                delete message.sentAtMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.inFlight = value;
                            else
                                delete message.inFlight;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.reply = value;
                            else
                                delete message.reply;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Heartbeat message.
             * @function verify
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Heartbeat.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs"))
                    if (!$util.isInteger(message.sentAtMs) && !(message.sentAtMs && $util.isInteger(message.sentAtMs.low) && $util.isInteger(message.sentAtMs.high)))
                        return "sentAtMs: integer|Long expected";
                if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight"))
                    if (!$util.isInteger(message.inFlight))
                        return "inFlight: integer expected";
                if (message.reply != null && $Object.hasOwnProperty.call(message, "reply"))
                    if (typeof message.reply !== "boolean")
                        return "reply: boolean expected";
                return null;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Heartbeat)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Heartbeat: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Heartbeat();
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.sentAtMs != null)
                    if (typeof object.sentAtMs === "object" ? object.sentAtMs.low || object.sentAtMs.high : $Number(object.sentAtMs) !== 0)
                        if ($util.Long)
                            message.sentAtMs = $util.Long.fromValue(object.sentAtMs, true);
                        else if (typeof object.sentAtMs === "string")
                            message.sentAtMs = $parseInt(object.sentAtMs, 10);
                        else if (typeof object.sentAtMs === "number")
                            message.sentAtMs = object.sentAtMs;
                        else if (typeof object.sentAtMs === "object")
                            message.sentAtMs = new $util.LongBits(object.sentAtMs.low >>> 0, object.sentAtMs.high >>> 0).toNumber(true);
                if (object.inFlight != null)
                    if ($Number(object.inFlight) !== 0)
                        message.inFlight = object.inFlight >>> 0;
                if (object.reply != null)
                    if (object.reply)
                        message.reply = $Boolean(object.reply);
                return message;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {chrysalis.v1.Heartbeat} message Heartbeat
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.sentAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sentAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.inFlight = 0;
                    object.reply = false;
                }
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sentAtMs = typeof message.sentAtMs === "number" ? $BigInt(message.sentAtMs) : $util.Long.fromBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0, true).toBigInt();
                    else if (typeof message.sentAtMs === "number")
                        object.sentAtMs = options.longs === $String ? $String(message.sentAtMs) : message.sentAtMs;
                    else
                        object.sentAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.sentAtMs) : options.longs === $Number ? new $util.LongBits(message.sentAtMs.low >>> 0, message.sentAtMs.high >>> 0).toNumber(true) : message.sentAtMs;
                if (message.inFlight != null && $Object.hasOwnProperty.call(message, "inFlight"))
                    object.inFlight = message.inFlight;
                if (message.reply != null && $Object.hasOwnProperty.call(message, "reply"))
                    object.reply = message.reply;
                return object;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof chrysalis.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.Drain = (function() {

            /**
             * Properties of a Drain.
             * @typedef {Object} chrysalis.v1.Drain.$Properties
             * @property {string|null} [reason] Drain reason
             * @property {number|null} [deadlineMs] Drain deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Drain.
             * @memberof chrysalis.v1
             * @interface IDrain
             * @augments chrysalis.v1.Drain.$Properties
             * @deprecated Use chrysalis.v1.Drain.$Properties instead.
             */

            /**
             * Shape of a Drain.
             * @typedef {chrysalis.v1.Drain.$Properties} chrysalis.v1.Drain.$Shape
             */

            /**
             * Constructs a new Drain.
             * @memberof chrysalis.v1
             * @classdesc Represents a Drain.
             * @constructor
             * @param {chrysalis.v1.Drain.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Drain = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Drain reason.
             * @member {string} reason
             * @memberof chrysalis.v1.Drain
             * @instance
             */
            Drain.prototype.reason = "";

            /**
             * Drain deadlineMs.
             * @member {number} deadlineMs
             * @memberof chrysalis.v1.Drain
             * @instance
             */
            Drain.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Drain instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {chrysalis.v1.Drain.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Drain} Drain instance
             * @type {{
             *   (properties: chrysalis.v1.Drain.$Shape): chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape;
             *   (properties?: chrysalis.v1.Drain.$Properties): chrysalis.v1.Drain;
             * }}
             */
            Drain.create = function(properties) {
                return new Drain(properties);
            };

            /**
             * Encodes the specified Drain message. Does not implicitly {@link chrysalis.v1.Drain.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {chrysalis.v1.Drain.$Properties} message Drain message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Drain.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Drain message, length delimited. Does not implicitly {@link chrysalis.v1.Drain.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {chrysalis.v1.Drain.$Properties} message Drain message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Drain.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Drain message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape} Drain
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Drain.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Drain();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Drain message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape} Drain
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Drain.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Drain message.
             * @function verify
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Drain.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs"))
                    if (!$util.isInteger(message.deadlineMs) && !(message.deadlineMs && $util.isInteger(message.deadlineMs.low) && $util.isInteger(message.deadlineMs.high)))
                        return "deadlineMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Drain message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Drain} Drain
             */
            Drain.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Drain)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Drain: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Drain();
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.deadlineMs != null)
                    if (typeof object.deadlineMs === "object" ? object.deadlineMs.low || object.deadlineMs.high : $Number(object.deadlineMs) !== 0)
                        if ($util.Long)
                            message.deadlineMs = $util.Long.fromValue(object.deadlineMs, true);
                        else if (typeof object.deadlineMs === "string")
                            message.deadlineMs = $parseInt(object.deadlineMs, 10);
                        else if (typeof object.deadlineMs === "number")
                            message.deadlineMs = object.deadlineMs;
                        else if (typeof object.deadlineMs === "object")
                            message.deadlineMs = new $util.LongBits(object.deadlineMs.low >>> 0, object.deadlineMs.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a Drain message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {chrysalis.v1.Drain} message Drain
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Drain.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.reason = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.deadlineMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.deadlineMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.deadlineMs = typeof message.deadlineMs === "number" ? $BigInt(message.deadlineMs) : $util.Long.fromBits(message.deadlineMs.low >>> 0, message.deadlineMs.high >>> 0, true).toBigInt();
                    else if (typeof message.deadlineMs === "number")
                        object.deadlineMs = options.longs === $String ? $String(message.deadlineMs) : message.deadlineMs;
                    else
                        object.deadlineMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deadlineMs) : options.longs === $Number ? new $util.LongBits(message.deadlineMs.low >>> 0, message.deadlineMs.high >>> 0).toNumber(true) : message.deadlineMs;
                return object;
            };

            /**
             * Converts this Drain to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Drain
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Drain.prototype.toJSON = function() {
                return Drain.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Drain
             * @function getTypeUrl
             * @memberof chrysalis.v1.Drain
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Drain.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Drain";
            };

            return Drain;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} chrysalis.v1.Error.$Properties
             * @property {string|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {boolean|null} [fatal] Error fatal
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof chrysalis.v1
             * @interface IError
             * @augments chrysalis.v1.Error.$Properties
             * @deprecated Use chrysalis.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {chrysalis.v1.Error.$Properties} chrysalis.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof chrysalis.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {chrysalis.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Error = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {string} code
             * @memberof chrysalis.v1.Error
             * @instance
             */
            Error.prototype.code = "";

            /**
             * Error message.
             * @member {string} message
             * @memberof chrysalis.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error fatal.
             * @member {boolean} fatal
             * @memberof chrysalis.v1.Error
             * @instance
             */
            Error.prototype.fatal = false;

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Error
             * @static
             * @param {chrysalis.v1.Error.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Error} Error instance
             * @type {{
             *   (properties: chrysalis.v1.Error.$Shape): chrysalis.v1.Error & chrysalis.v1.Error.$Shape;
             *   (properties?: chrysalis.v1.Error.$Properties): chrysalis.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link chrysalis.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Error
             * @static
             * @param {chrysalis.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.fatal != null && $Object.hasOwnProperty.call(message, "fatal") && message.fatal !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.fatal);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Error message, length delimited. Does not implicitly {@link chrysalis.v1.Error.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Error
             * @static
             * @param {chrysalis.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Error & chrysalis.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Error();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.fatal = value;
                            else
                                delete message.fatal;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Error message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Error & chrysalis.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Error message.
             * @function verify
             * @memberof chrysalis.v1.Error
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Error.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.fatal != null && $Object.hasOwnProperty.call(message, "fatal"))
                    if (typeof message.fatal !== "boolean")
                        return "fatal: boolean expected";
                return null;
            };

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Error
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Error} Error
             */
            Error.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Error)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Error: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Error();
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.fatal != null)
                    if (object.fatal)
                        message.fatal = $Boolean(object.fatal);
                return message;
            };

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Error
             * @static
             * @param {chrysalis.v1.Error} message Error
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Error.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.code = "";
                    object.message = "";
                    object.fatal = false;
                }
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.fatal != null && $Object.hasOwnProperty.call(message, "fatal"))
                    object.fatal = message.fatal;
                return object;
            };

            /**
             * Converts this Error to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Error
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Error.prototype.toJSON = function() {
                return Error.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof chrysalis.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Error";
            };

            return Error;
        })();

        v1.ChallengeRequest = (function() {

            /**
             * Properties of a ChallengeRequest.
             * @typedef {Object} chrysalis.v1.ChallengeRequest.$Properties
             * @property {string|null} [reason] ChallengeRequest reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ChallengeRequest.
             * @memberof chrysalis.v1
             * @interface IChallengeRequest
             * @augments chrysalis.v1.ChallengeRequest.$Properties
             * @deprecated Use chrysalis.v1.ChallengeRequest.$Properties instead.
             */

            /**
             * Shape of a ChallengeRequest.
             * @typedef {chrysalis.v1.ChallengeRequest.$Properties} chrysalis.v1.ChallengeRequest.$Shape
             */

            /**
             * Constructs a new ChallengeRequest.
             * @memberof chrysalis.v1
             * @classdesc Represents a ChallengeRequest.
             * @constructor
             * @param {chrysalis.v1.ChallengeRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var ChallengeRequest = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ChallengeRequest reason.
             * @member {string} reason
             * @memberof chrysalis.v1.ChallengeRequest
             * @instance
             */
            ChallengeRequest.prototype.reason = "";

            /**
             * Creates a new ChallengeRequest instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {chrysalis.v1.ChallengeRequest.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.ChallengeRequest} ChallengeRequest instance
             * @type {{
             *   (properties: chrysalis.v1.ChallengeRequest.$Shape): chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape;
             *   (properties?: chrysalis.v1.ChallengeRequest.$Properties): chrysalis.v1.ChallengeRequest;
             * }}
             */
            ChallengeRequest.create = function(properties) {
                return new ChallengeRequest(properties);
            };

            /**
             * Encodes the specified ChallengeRequest message. Does not implicitly {@link chrysalis.v1.ChallengeRequest.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {chrysalis.v1.ChallengeRequest.$Properties} message ChallengeRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChallengeRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ChallengeRequest message, length delimited. Does not implicitly {@link chrysalis.v1.ChallengeRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {chrysalis.v1.ChallengeRequest.$Properties} message ChallengeRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChallengeRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ChallengeRequest message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape} ChallengeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChallengeRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.ChallengeRequest();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a ChallengeRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape} ChallengeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChallengeRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ChallengeRequest message.
             * @function verify
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ChallengeRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a ChallengeRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.ChallengeRequest} ChallengeRequest
             */
            ChallengeRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.ChallengeRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.ChallengeRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.ChallengeRequest();
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a ChallengeRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {chrysalis.v1.ChallengeRequest} message ChallengeRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ChallengeRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults)
                    object.reason = "";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this ChallengeRequest to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.ChallengeRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ChallengeRequest.prototype.toJSON = function() {
                return ChallengeRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ChallengeRequest
             * @function getTypeUrl
             * @memberof chrysalis.v1.ChallengeRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ChallengeRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.ChallengeRequest";
            };

            return ChallengeRequest;
        })();

        v1.WorkerFrame = (function() {

            /**
             * Properties of a WorkerFrame.
             * @typedef {Object} chrysalis.v1.WorkerFrame.$Properties
             * @property {chrysalis.v1.Hello.$Properties|null} [hello] WorkerFrame hello
             * @property {chrysalis.v1.BundleSubmit.$Properties|null} [bundle] WorkerFrame bundle
             * @property {chrysalis.v1.SealedChunk.$Properties|null} [chunk] WorkerFrame chunk
             * @property {chrysalis.v1.ReceiptMsg.$Properties|null} [receipt] WorkerFrame receipt
             * @property {chrysalis.v1.RequestFailed.$Properties|null} [failed] WorkerFrame failed
             * @property {chrysalis.v1.Heartbeat.$Properties|null} [heartbeat] WorkerFrame heartbeat
             * @property {chrysalis.v1.Drain.$Properties|null} [drain] WorkerFrame drain
             * @property {chrysalis.v1.Error.$Properties|null} [error] WorkerFrame error
             * @property {chrysalis.v1.ChallengeRequest.$Properties|null} [challengeRequest] WorkerFrame challengeRequest
             * @property {"hello"|"bundle"|"chunk"|"receipt"|"failed"|"heartbeat"|"drain"|"error"|"challengeRequest"} [msg] WorkerFrame msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkerFrame.
             * @memberof chrysalis.v1
             * @interface IWorkerFrame
             * @augments chrysalis.v1.WorkerFrame.$Properties
             * @deprecated Use chrysalis.v1.WorkerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a WorkerFrame.
             * @typedef {{
             *   hello?: chrysalis.v1.Hello.$Shape|null;
             *   bundle?: chrysalis.v1.BundleSubmit.$Shape|null;
             *   chunk?: chrysalis.v1.SealedChunk.$Shape|null;
             *   receipt?: chrysalis.v1.ReceiptMsg.$Shape|null;
             *   failed?: chrysalis.v1.RequestFailed.$Shape|null;
             *   heartbeat?: chrysalis.v1.Heartbeat.$Shape|null;
             *   drain?: chrysalis.v1.Drain.$Shape|null;
             *   error?: chrysalis.v1.Error.$Shape|null;
             *   challengeRequest?: chrysalis.v1.ChallengeRequest.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "hello"; hello: chrysalis.v1.Hello.$Shape; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "bundle"; hello?: null; bundle: chrysalis.v1.BundleSubmit.$Shape; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "chunk"; hello?: null; bundle?: null; chunk: chrysalis.v1.SealedChunk.$Shape; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "receipt"; hello?: null; bundle?: null; chunk?: null; receipt: chrysalis.v1.ReceiptMsg.$Shape; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "failed"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed: chrysalis.v1.RequestFailed.$Shape; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "heartbeat"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat: chrysalis.v1.Heartbeat.$Shape; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "drain"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain: chrysalis.v1.Drain.$Shape; error?: null; challengeRequest?: null }|{ msg?: "error"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error: chrysalis.v1.Error.$Shape; challengeRequest?: null }|{ msg?: "challengeRequest"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest: chrysalis.v1.ChallengeRequest.$Shape })
             * )} chrysalis.v1.WorkerFrame.$Shape
             */

            /**
             * Constructs a new WorkerFrame.
             * @memberof chrysalis.v1
             * @classdesc Represents a WorkerFrame.
             * @constructor
             * @param {chrysalis.v1.WorkerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var WorkerFrame = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkerFrame hello.
             * @member {chrysalis.v1.Hello.$Properties|null|undefined} hello
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.hello = null;

            /**
             * WorkerFrame bundle.
             * @member {chrysalis.v1.BundleSubmit.$Properties|null|undefined} bundle
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.bundle = null;

            /**
             * WorkerFrame chunk.
             * @member {chrysalis.v1.SealedChunk.$Properties|null|undefined} chunk
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.chunk = null;

            /**
             * WorkerFrame receipt.
             * @member {chrysalis.v1.ReceiptMsg.$Properties|null|undefined} receipt
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.receipt = null;

            /**
             * WorkerFrame failed.
             * @member {chrysalis.v1.RequestFailed.$Properties|null|undefined} failed
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.failed = null;

            /**
             * WorkerFrame heartbeat.
             * @member {chrysalis.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.heartbeat = null;

            /**
             * WorkerFrame drain.
             * @member {chrysalis.v1.Drain.$Properties|null|undefined} drain
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.drain = null;

            /**
             * WorkerFrame error.
             * @member {chrysalis.v1.Error.$Properties|null|undefined} error
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.error = null;

            /**
             * WorkerFrame challengeRequest.
             * @member {chrysalis.v1.ChallengeRequest.$Properties|null|undefined} challengeRequest
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            WorkerFrame.prototype.challengeRequest = null;

            // OneOf field names bound to virtual getters and setters
            var $oneOfFields;

            /**
             * WorkerFrame msg.
             * @member {"hello"|"bundle"|"chunk"|"receipt"|"failed"|"heartbeat"|"drain"|"error"|"challengeRequest"|undefined} msg
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             */
            $Object.defineProperty(WorkerFrame.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "bundle", "chunk", "receipt", "failed", "heartbeat", "drain", "error", "challengeRequest"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new WorkerFrame instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {chrysalis.v1.WorkerFrame.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.WorkerFrame} WorkerFrame instance
             * @type {{
             *   (properties: chrysalis.v1.WorkerFrame.$Shape): chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape;
             *   (properties?: chrysalis.v1.WorkerFrame.$Properties): chrysalis.v1.WorkerFrame;
             * }}
             */
            WorkerFrame.create = function(properties) {
                return new WorkerFrame(properties);
            };

            /**
             * Encodes the specified WorkerFrame message. Does not implicitly {@link chrysalis.v1.WorkerFrame.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {chrysalis.v1.WorkerFrame.$Properties} message WorkerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.chrysalis.v1.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle"))
                    $root.chrysalis.v1.BundleSubmit.encode(message.bundle, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk"))
                    $root.chrysalis.v1.SealedChunk.encode(message.chunk, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt"))
                    $root.chrysalis.v1.ReceiptMsg.encode(message.receipt, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.failed != null && $Object.hasOwnProperty.call(message, "failed"))
                    $root.chrysalis.v1.RequestFailed.encode(message.failed, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.chrysalis.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain"))
                    $root.chrysalis.v1.Drain.encode(message.drain, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.chrysalis.v1.Error.encode(message.error, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.challengeRequest != null && $Object.hasOwnProperty.call(message, "challengeRequest"))
                    $root.chrysalis.v1.ChallengeRequest.encode(message.challengeRequest, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified WorkerFrame message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerFrame.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {chrysalis.v1.WorkerFrame.$Properties} message WorkerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerFrame.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a WorkerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape} WorkerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.WorkerFrame();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.chrysalis.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.msg = "hello";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.bundle = $root.chrysalis.v1.BundleSubmit.decode(reader, reader.size(), $undefined, _depth + 1, message.bundle);
                            message.msg = "bundle";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.chunk = $root.chrysalis.v1.SealedChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.chunk);
                            message.msg = "chunk";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.receipt = $root.chrysalis.v1.ReceiptMsg.decode(reader, reader.size(), $undefined, _depth + 1, message.receipt);
                            message.msg = "receipt";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.failed = $root.chrysalis.v1.RequestFailed.decode(reader, reader.size(), $undefined, _depth + 1, message.failed);
                            message.msg = "failed";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.heartbeat = $root.chrysalis.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                            message.msg = "heartbeat";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.drain = $root.chrysalis.v1.Drain.decode(reader, reader.size(), $undefined, _depth + 1, message.drain);
                            message.msg = "drain";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.chrysalis.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.msg = "error";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.challengeRequest = $root.chrysalis.v1.ChallengeRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.challengeRequest);
                            message.msg = "challengeRequest";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a WorkerFrame message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape} WorkerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerFrame.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a WorkerFrame message.
             * @function verify
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerFrame.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                var properties = {};
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Hello.verify(message.hello, _depth + 1);
                        if (error)
                            return "hello." + error;
                    }
                }
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.BundleSubmit.verify(message.bundle, _depth + 1);
                        if (error)
                            return "bundle." + error;
                    }
                }
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.SealedChunk.verify(message.chunk, _depth + 1);
                        if (error)
                            return "chunk." + error;
                    }
                }
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.ReceiptMsg.verify(message.receipt, _depth + 1);
                        if (error)
                            return "receipt." + error;
                    }
                }
                if (message.failed != null && $Object.hasOwnProperty.call(message, "failed")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.RequestFailed.verify(message.failed, _depth + 1);
                        if (error)
                            return "failed." + error;
                    }
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Heartbeat.verify(message.heartbeat, _depth + 1);
                        if (error)
                            return "heartbeat." + error;
                    }
                }
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Drain.verify(message.drain, _depth + 1);
                        if (error)
                            return "drain." + error;
                    }
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Error.verify(message.error, _depth + 1);
                        if (error)
                            return "error." + error;
                    }
                }
                if (message.challengeRequest != null && $Object.hasOwnProperty.call(message, "challengeRequest")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.ChallengeRequest.verify(message.challengeRequest, _depth + 1);
                        if (error)
                            return "challengeRequest." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a WorkerFrame message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.WorkerFrame} WorkerFrame
             */
            WorkerFrame.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.WorkerFrame)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.WorkerFrame: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.WorkerFrame();
                if (object.hello != null) {
                    if (!$util.isObject(object.hello))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.hello: object expected");
                    message.hello = $root.chrysalis.v1.Hello.fromObject(object.hello, _depth + 1);
                }
                if (object.bundle != null) {
                    if (!$util.isObject(object.bundle))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.bundle: object expected");
                    message.bundle = $root.chrysalis.v1.BundleSubmit.fromObject(object.bundle, _depth + 1);
                }
                if (object.chunk != null) {
                    if (!$util.isObject(object.chunk))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.chunk: object expected");
                    message.chunk = $root.chrysalis.v1.SealedChunk.fromObject(object.chunk, _depth + 1);
                }
                if (object.receipt != null) {
                    if (!$util.isObject(object.receipt))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.receipt: object expected");
                    message.receipt = $root.chrysalis.v1.ReceiptMsg.fromObject(object.receipt, _depth + 1);
                }
                if (object.failed != null) {
                    if (!$util.isObject(object.failed))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.failed: object expected");
                    message.failed = $root.chrysalis.v1.RequestFailed.fromObject(object.failed, _depth + 1);
                }
                if (object.heartbeat != null) {
                    if (!$util.isObject(object.heartbeat))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.heartbeat: object expected");
                    message.heartbeat = $root.chrysalis.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                }
                if (object.drain != null) {
                    if (!$util.isObject(object.drain))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.drain: object expected");
                    message.drain = $root.chrysalis.v1.Drain.fromObject(object.drain, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.error: object expected");
                    message.error = $root.chrysalis.v1.Error.fromObject(object.error, _depth + 1);
                }
                if (object.challengeRequest != null) {
                    if (!$util.isObject(object.challengeRequest))
                        throw $TypeError(".chrysalis.v1.WorkerFrame.challengeRequest: object expected");
                    message.challengeRequest = $root.chrysalis.v1.ChallengeRequest.fromObject(object.challengeRequest, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a WorkerFrame message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {chrysalis.v1.WorkerFrame} message WorkerFrame
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerFrame.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    object.hello = $root.chrysalis.v1.Hello.toObject(message.hello, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "hello";
                }
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle")) {
                    object.bundle = $root.chrysalis.v1.BundleSubmit.toObject(message.bundle, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "bundle";
                }
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk")) {
                    object.chunk = $root.chrysalis.v1.SealedChunk.toObject(message.chunk, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "chunk";
                }
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt")) {
                    object.receipt = $root.chrysalis.v1.ReceiptMsg.toObject(message.receipt, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "receipt";
                }
                if (message.failed != null && $Object.hasOwnProperty.call(message, "failed")) {
                    object.failed = $root.chrysalis.v1.RequestFailed.toObject(message.failed, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "failed";
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    object.heartbeat = $root.chrysalis.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "heartbeat";
                }
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain")) {
                    object.drain = $root.chrysalis.v1.Drain.toObject(message.drain, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "drain";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.chrysalis.v1.Error.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "error";
                }
                if (message.challengeRequest != null && $Object.hasOwnProperty.call(message, "challengeRequest")) {
                    object.challengeRequest = $root.chrysalis.v1.ChallengeRequest.toObject(message.challengeRequest, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "challengeRequest";
                }
                return object;
            };

            /**
             * Converts this WorkerFrame to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.WorkerFrame
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerFrame.prototype.toJSON = function() {
                return WorkerFrame.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkerFrame
             * @function getTypeUrl
             * @memberof chrysalis.v1.WorkerFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkerFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.WorkerFrame";
            };

            return WorkerFrame;
        })();

        v1.Challenge = (function() {

            /**
             * Properties of a Challenge.
             * @typedef {Object} chrysalis.v1.Challenge.$Properties
             * @property {number|null} [protocolVersion] Challenge protocolVersion
             * @property {Uint8Array|null} [challenge] Challenge challenge
             * @property {number|null} [issuedAtMs] Challenge issuedAtMs
             * @property {string|null} [brokerId] Challenge brokerId
             * @property {number|null} [expiresAtMs] Challenge expiresAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Challenge.
             * @memberof chrysalis.v1
             * @interface IChallenge
             * @augments chrysalis.v1.Challenge.$Properties
             * @deprecated Use chrysalis.v1.Challenge.$Properties instead.
             */

            /**
             * Shape of a Challenge.
             * @typedef {chrysalis.v1.Challenge.$Properties} chrysalis.v1.Challenge.$Shape
             */

            /**
             * Constructs a new Challenge.
             * @memberof chrysalis.v1
             * @classdesc Represents a Challenge.
             * @constructor
             * @param {chrysalis.v1.Challenge.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Challenge = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Challenge protocolVersion.
             * @member {number} protocolVersion
             * @memberof chrysalis.v1.Challenge
             * @instance
             */
            Challenge.prototype.protocolVersion = 0;

            /**
             * Challenge challenge.
             * @member {Uint8Array} challenge
             * @memberof chrysalis.v1.Challenge
             * @instance
             */
            Challenge.prototype.challenge = $util.newBuffer([]);

            /**
             * Challenge issuedAtMs.
             * @member {number} issuedAtMs
             * @memberof chrysalis.v1.Challenge
             * @instance
             */
            Challenge.prototype.issuedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Challenge brokerId.
             * @member {string} brokerId
             * @memberof chrysalis.v1.Challenge
             * @instance
             */
            Challenge.prototype.brokerId = "";

            /**
             * Challenge expiresAtMs.
             * @member {number} expiresAtMs
             * @memberof chrysalis.v1.Challenge
             * @instance
             */
            Challenge.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Challenge instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {chrysalis.v1.Challenge.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Challenge} Challenge instance
             * @type {{
             *   (properties: chrysalis.v1.Challenge.$Shape): chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape;
             *   (properties?: chrysalis.v1.Challenge.$Properties): chrysalis.v1.Challenge;
             * }}
             */
            Challenge.create = function(properties) {
                return new Challenge(properties);
            };

            /**
             * Encodes the specified Challenge message. Does not implicitly {@link chrysalis.v1.Challenge.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {chrysalis.v1.Challenge.$Properties} message Challenge message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Challenge.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.protocolVersion);
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge") && message.challenge.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.challenge);
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs") && (typeof message.issuedAtMs === "object" ? message.issuedAtMs.low || message.issuedAtMs.high : message.issuedAtMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.issuedAtMs);
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId") && message.brokerId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.brokerId);
                if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.expiresAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Challenge message, length delimited. Does not implicitly {@link chrysalis.v1.Challenge.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {chrysalis.v1.Challenge.$Properties} message Challenge message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Challenge.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Challenge message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Challenge.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Challenge();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.challenge = value;
                            else
                                delete message.challenge;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.issuedAtMs = value;
                            else
                                delete message.issuedAtMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.brokerId = value;
                            else
                                delete message.brokerId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.expiresAtMs = value;
                            else
                                delete message.expiresAtMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Challenge message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Challenge.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Challenge message.
             * @function verify
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Challenge.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    if (!$util.isInteger(message.protocolVersion))
                        return "protocolVersion: integer expected";
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    if (!(message.challenge && typeof message.challenge.length === "number" || $util.isString(message.challenge)))
                        return "challenge: buffer expected";
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                    if (!$util.isInteger(message.issuedAtMs) && !(message.issuedAtMs && $util.isInteger(message.issuedAtMs.low) && $util.isInteger(message.issuedAtMs.high)))
                        return "issuedAtMs: integer|Long expected";
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId"))
                    if (!$util.isString(message.brokerId))
                        return "brokerId: string expected";
                if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                    if (!$util.isInteger(message.expiresAtMs) && !(message.expiresAtMs && $util.isInteger(message.expiresAtMs.low) && $util.isInteger(message.expiresAtMs.high)))
                        return "expiresAtMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Challenge message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Challenge} Challenge
             */
            Challenge.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Challenge)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Challenge: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Challenge();
                if (object.protocolVersion != null)
                    if ($Number(object.protocolVersion) !== 0)
                        message.protocolVersion = object.protocolVersion >>> 0;
                if (object.challenge != null)
                    if (object.challenge.length)
                        if (typeof object.challenge === "string")
                            $util.base64.decode(object.challenge, message.challenge = $util.newBuffer($util.base64.length(object.challenge)), 0);
                        else if (object.challenge.length >= 0)
                            message.challenge = object.challenge;
                if (object.issuedAtMs != null)
                    if (typeof object.issuedAtMs === "object" ? object.issuedAtMs.low || object.issuedAtMs.high : $Number(object.issuedAtMs) !== 0)
                        if ($util.Long)
                            message.issuedAtMs = $util.Long.fromValue(object.issuedAtMs, true);
                        else if (typeof object.issuedAtMs === "string")
                            message.issuedAtMs = $parseInt(object.issuedAtMs, 10);
                        else if (typeof object.issuedAtMs === "number")
                            message.issuedAtMs = object.issuedAtMs;
                        else if (typeof object.issuedAtMs === "object")
                            message.issuedAtMs = new $util.LongBits(object.issuedAtMs.low >>> 0, object.issuedAtMs.high >>> 0).toNumber(true);
                if (object.brokerId != null)
                    if (typeof object.brokerId !== "string" || object.brokerId.length)
                        message.brokerId = $String(object.brokerId);
                if (object.expiresAtMs != null)
                    if (typeof object.expiresAtMs === "object" ? object.expiresAtMs.low || object.expiresAtMs.high : $Number(object.expiresAtMs) !== 0)
                        if ($util.Long)
                            message.expiresAtMs = $util.Long.fromValue(object.expiresAtMs, true);
                        else if (typeof object.expiresAtMs === "string")
                            message.expiresAtMs = $parseInt(object.expiresAtMs, 10);
                        else if (typeof object.expiresAtMs === "number")
                            message.expiresAtMs = object.expiresAtMs;
                        else if (typeof object.expiresAtMs === "object")
                            message.expiresAtMs = new $util.LongBits(object.expiresAtMs.low >>> 0, object.expiresAtMs.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a Challenge message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {chrysalis.v1.Challenge} message Challenge
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Challenge.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.protocolVersion = 0;
                    if (options.bytes === $String)
                        object.challenge = "";
                    else {
                        object.challenge = [];
                        if (options.bytes !== $Array)
                            object.challenge = $util.newBuffer(object.challenge);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.issuedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.issuedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.brokerId = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.expiresAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.expiresAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    object.protocolVersion = message.protocolVersion;
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    object.challenge = options.bytes === $String ? $util.base64.encode(message.challenge, 0, message.challenge.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.challenge) : message.challenge;
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.issuedAtMs = typeof message.issuedAtMs === "number" ? $BigInt(message.issuedAtMs) : $util.Long.fromBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0, true).toBigInt();
                    else if (typeof message.issuedAtMs === "number")
                        object.issuedAtMs = options.longs === $String ? $String(message.issuedAtMs) : message.issuedAtMs;
                    else
                        object.issuedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.issuedAtMs) : options.longs === $Number ? new $util.LongBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0).toNumber(true) : message.issuedAtMs;
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId"))
                    object.brokerId = message.brokerId;
                if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.expiresAtMs = typeof message.expiresAtMs === "number" ? $BigInt(message.expiresAtMs) : $util.Long.fromBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0, true).toBigInt();
                    else if (typeof message.expiresAtMs === "number")
                        object.expiresAtMs = options.longs === $String ? $String(message.expiresAtMs) : message.expiresAtMs;
                    else
                        object.expiresAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.expiresAtMs) : options.longs === $Number ? new $util.LongBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0).toNumber(true) : message.expiresAtMs;
                return object;
            };

            /**
             * Converts this Challenge to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Challenge
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Challenge.prototype.toJSON = function() {
                return Challenge.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Challenge
             * @function getTypeUrl
             * @memberof chrysalis.v1.Challenge
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Challenge.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Challenge";
            };

            return Challenge;
        })();

        v1.AdmissionResult = (function() {

            /**
             * Properties of an AdmissionResult.
             * @typedef {Object} chrysalis.v1.AdmissionResult.$Properties
             * @property {boolean|null} [ok] AdmissionResult ok
             * @property {string|null} [code] AdmissionResult code
             * @property {string|null} [message] AdmissionResult message
             * @property {string|null} [workerId] AdmissionResult workerId
             * @property {number|null} [validUntilMs] AdmissionResult validUntilMs
             * @property {Uint8Array|null} [bundleDigest] AdmissionResult bundleDigest
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AdmissionResult.
             * @memberof chrysalis.v1
             * @interface IAdmissionResult
             * @augments chrysalis.v1.AdmissionResult.$Properties
             * @deprecated Use chrysalis.v1.AdmissionResult.$Properties instead.
             */

            /**
             * Shape of an AdmissionResult.
             * @typedef {chrysalis.v1.AdmissionResult.$Properties} chrysalis.v1.AdmissionResult.$Shape
             */

            /**
             * Constructs a new AdmissionResult.
             * @memberof chrysalis.v1
             * @classdesc Represents an AdmissionResult.
             * @constructor
             * @param {chrysalis.v1.AdmissionResult.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var AdmissionResult = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AdmissionResult ok.
             * @member {boolean} ok
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.ok = false;

            /**
             * AdmissionResult code.
             * @member {string} code
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.code = "";

            /**
             * AdmissionResult message.
             * @member {string} message
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.message = "";

            /**
             * AdmissionResult workerId.
             * @member {string} workerId
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.workerId = "";

            /**
             * AdmissionResult validUntilMs.
             * @member {number} validUntilMs
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.validUntilMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AdmissionResult bundleDigest.
             * @member {Uint8Array} bundleDigest
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             */
            AdmissionResult.prototype.bundleDigest = $util.newBuffer([]);

            /**
             * Creates a new AdmissionResult instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {chrysalis.v1.AdmissionResult.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.AdmissionResult} AdmissionResult instance
             * @type {{
             *   (properties: chrysalis.v1.AdmissionResult.$Shape): chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape;
             *   (properties?: chrysalis.v1.AdmissionResult.$Properties): chrysalis.v1.AdmissionResult;
             * }}
             */
            AdmissionResult.create = function(properties) {
                return new AdmissionResult(properties);
            };

            /**
             * Encodes the specified AdmissionResult message. Does not implicitly {@link chrysalis.v1.AdmissionResult.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {chrysalis.v1.AdmissionResult.$Properties} message AdmissionResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AdmissionResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.ok);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.workerId);
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs") && (typeof message.validUntilMs === "object" ? message.validUntilMs.low || message.validUntilMs.high : message.validUntilMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.validUntilMs);
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest") && message.bundleDigest.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.bundleDigest);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified AdmissionResult message, length delimited. Does not implicitly {@link chrysalis.v1.AdmissionResult.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {chrysalis.v1.AdmissionResult.$Properties} message AdmissionResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AdmissionResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AdmissionResult message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape} AdmissionResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AdmissionResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.AdmissionResult();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.ok = value;
                            else
                                delete message.ok;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerId = value;
                            else
                                delete message.workerId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.validUntilMs = value;
                            else
                                delete message.validUntilMs;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.bundleDigest = value;
                            else
                                delete message.bundleDigest;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an AdmissionResult message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape} AdmissionResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AdmissionResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AdmissionResult message.
             * @function verify
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AdmissionResult.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.ok != null && $Object.hasOwnProperty.call(message, "ok"))
                    if (typeof message.ok !== "boolean")
                        return "ok: boolean expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    if (!$util.isString(message.workerId))
                        return "workerId: string expected";
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs"))
                    if (!$util.isInteger(message.validUntilMs) && !(message.validUntilMs && $util.isInteger(message.validUntilMs.low) && $util.isInteger(message.validUntilMs.high)))
                        return "validUntilMs: integer|Long expected";
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest"))
                    if (!(message.bundleDigest && typeof message.bundleDigest.length === "number" || $util.isString(message.bundleDigest)))
                        return "bundleDigest: buffer expected";
                return null;
            };

            /**
             * Creates an AdmissionResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.AdmissionResult} AdmissionResult
             */
            AdmissionResult.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.AdmissionResult)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.AdmissionResult: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.AdmissionResult();
                if (object.ok != null)
                    if (object.ok)
                        message.ok = $Boolean(object.ok);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.workerId != null)
                    if (typeof object.workerId !== "string" || object.workerId.length)
                        message.workerId = $String(object.workerId);
                if (object.validUntilMs != null)
                    if (typeof object.validUntilMs === "object" ? object.validUntilMs.low || object.validUntilMs.high : $Number(object.validUntilMs) !== 0)
                        if ($util.Long)
                            message.validUntilMs = $util.Long.fromValue(object.validUntilMs, true);
                        else if (typeof object.validUntilMs === "string")
                            message.validUntilMs = $parseInt(object.validUntilMs, 10);
                        else if (typeof object.validUntilMs === "number")
                            message.validUntilMs = object.validUntilMs;
                        else if (typeof object.validUntilMs === "object")
                            message.validUntilMs = new $util.LongBits(object.validUntilMs.low >>> 0, object.validUntilMs.high >>> 0).toNumber(true);
                if (object.bundleDigest != null)
                    if (object.bundleDigest.length)
                        if (typeof object.bundleDigest === "string")
                            $util.base64.decode(object.bundleDigest, message.bundleDigest = $util.newBuffer($util.base64.length(object.bundleDigest)), 0);
                        else if (object.bundleDigest.length >= 0)
                            message.bundleDigest = object.bundleDigest;
                return message;
            };

            /**
             * Creates a plain object from an AdmissionResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {chrysalis.v1.AdmissionResult} message AdmissionResult
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AdmissionResult.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.ok = false;
                    object.code = "";
                    object.message = "";
                    object.workerId = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.validUntilMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.validUntilMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.bundleDigest = "";
                    else {
                        object.bundleDigest = [];
                        if (options.bytes !== $Array)
                            object.bundleDigest = $util.newBuffer(object.bundleDigest);
                    }
                }
                if (message.ok != null && $Object.hasOwnProperty.call(message, "ok"))
                    object.ok = message.ok;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    object.workerId = message.workerId;
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.validUntilMs = typeof message.validUntilMs === "number" ? $BigInt(message.validUntilMs) : $util.Long.fromBits(message.validUntilMs.low >>> 0, message.validUntilMs.high >>> 0, true).toBigInt();
                    else if (typeof message.validUntilMs === "number")
                        object.validUntilMs = options.longs === $String ? $String(message.validUntilMs) : message.validUntilMs;
                    else
                        object.validUntilMs = options.longs === $String ? $util.Long.prototype.toString.call(message.validUntilMs) : options.longs === $Number ? new $util.LongBits(message.validUntilMs.low >>> 0, message.validUntilMs.high >>> 0).toNumber(true) : message.validUntilMs;
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest"))
                    object.bundleDigest = options.bytes === $String ? $util.base64.encode(message.bundleDigest, 0, message.bundleDigest.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.bundleDigest) : message.bundleDigest;
                return object;
            };

            /**
             * Converts this AdmissionResult to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.AdmissionResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AdmissionResult.prototype.toJSON = function() {
                return AdmissionResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AdmissionResult
             * @function getTypeUrl
             * @memberof chrysalis.v1.AdmissionResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AdmissionResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.AdmissionResult";
            };

            return AdmissionResult;
        })();

        v1.SealedRequest = (function() {

            /**
             * Properties of a SealedRequest.
             * @typedef {Object} chrysalis.v1.SealedRequest.$Properties
             * @property {string|null} [requestId] SealedRequest requestId
             * @property {Uint8Array|null} [sealed] SealedRequest sealed
             * @property {string|null} [channel] SealedRequest channel
             * @property {number|null} [seq] SealedRequest seq
             * @property {number|null} [deadlineMs] SealedRequest deadlineMs
             * @property {Uint8Array|null} [modelId] SealedRequest modelId
             * @property {number|null} [promptPriceNano] SealedRequest promptPriceNano
             * @property {number|null} [completionPriceNano] SealedRequest completionPriceNano
             * @property {number|null} [maxCostNano] SealedRequest maxCostNano
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SealedRequest.
             * @memberof chrysalis.v1
             * @interface ISealedRequest
             * @augments chrysalis.v1.SealedRequest.$Properties
             * @deprecated Use chrysalis.v1.SealedRequest.$Properties instead.
             */

            /**
             * Shape of a SealedRequest.
             * @typedef {chrysalis.v1.SealedRequest.$Properties} chrysalis.v1.SealedRequest.$Shape
             */

            /**
             * Constructs a new SealedRequest.
             * @memberof chrysalis.v1
             * @classdesc Represents a SealedRequest.
             * @constructor
             * @param {chrysalis.v1.SealedRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var SealedRequest = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SealedRequest requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.requestId = "";

            /**
             * SealedRequest sealed.
             * @member {Uint8Array} sealed
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.sealed = $util.newBuffer([]);

            /**
             * SealedRequest channel.
             * @member {string} channel
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.channel = "";

            /**
             * SealedRequest seq.
             * @member {number} seq
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SealedRequest deadlineMs.
             * @member {number} deadlineMs
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SealedRequest modelId.
             * @member {Uint8Array} modelId
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.modelId = $util.newBuffer([]);

            /**
             * SealedRequest promptPriceNano.
             * @member {number} promptPriceNano
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.promptPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SealedRequest completionPriceNano.
             * @member {number} completionPriceNano
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.completionPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SealedRequest maxCostNano.
             * @member {number} maxCostNano
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             */
            SealedRequest.prototype.maxCostNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SealedRequest instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {chrysalis.v1.SealedRequest.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.SealedRequest} SealedRequest instance
             * @type {{
             *   (properties: chrysalis.v1.SealedRequest.$Shape): chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape;
             *   (properties?: chrysalis.v1.SealedRequest.$Properties): chrysalis.v1.SealedRequest;
             * }}
             */
            SealedRequest.create = function(properties) {
                return new SealedRequest(properties);
            };

            /**
             * Encodes the specified SealedRequest message. Does not implicitly {@link chrysalis.v1.SealedRequest.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {chrysalis.v1.SealedRequest.$Properties} message SealedRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SealedRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed") && message.sealed.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.sealed);
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.channel);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.seq);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.deadlineMs);
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId") && message.modelId.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.modelId);
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano") && (typeof message.promptPriceNano === "object" ? message.promptPriceNano.low || message.promptPriceNano.high : message.promptPriceNano !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.promptPriceNano);
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano") && (typeof message.completionPriceNano === "object" ? message.completionPriceNano.low || message.completionPriceNano.high : message.completionPriceNano !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.completionPriceNano);
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano") && (typeof message.maxCostNano === "object" ? message.maxCostNano.low || message.maxCostNano.high : message.maxCostNano !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.maxCostNano);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SealedRequest message, length delimited. Does not implicitly {@link chrysalis.v1.SealedRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {chrysalis.v1.SealedRequest.$Properties} message SealedRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SealedRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SealedRequest message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape} SealedRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SealedRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.SealedRequest();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sealed = value;
                            else
                                delete message.sealed;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.channel = value;
                            else
                                delete message.channel;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.modelId = value;
                            else
                                delete message.modelId;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.promptPriceNano = value;
                            else
                                delete message.promptPriceNano;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.completionPriceNano = value;
                            else
                                delete message.completionPriceNano;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxCostNano = value;
                            else
                                delete message.maxCostNano;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SealedRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape} SealedRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SealedRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SealedRequest message.
             * @function verify
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SealedRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed"))
                    if (!(message.sealed && typeof message.sealed.length === "number" || $util.isString(message.sealed)))
                        return "sealed: buffer expected";
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    if (!$util.isString(message.channel))
                        return "channel: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs"))
                    if (!$util.isInteger(message.deadlineMs) && !(message.deadlineMs && $util.isInteger(message.deadlineMs.low) && $util.isInteger(message.deadlineMs.high)))
                        return "deadlineMs: integer|Long expected";
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    if (!(message.modelId && typeof message.modelId.length === "number" || $util.isString(message.modelId)))
                        return "modelId: buffer expected";
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (!$util.isInteger(message.promptPriceNano) && !(message.promptPriceNano && $util.isInteger(message.promptPriceNano.low) && $util.isInteger(message.promptPriceNano.high)))
                        return "promptPriceNano: integer|Long expected";
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (!$util.isInteger(message.completionPriceNano) && !(message.completionPriceNano && $util.isInteger(message.completionPriceNano.low) && $util.isInteger(message.completionPriceNano.high)))
                        return "completionPriceNano: integer|Long expected";
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (!$util.isInteger(message.maxCostNano) && !(message.maxCostNano && $util.isInteger(message.maxCostNano.low) && $util.isInteger(message.maxCostNano.high)))
                        return "maxCostNano: integer|Long expected";
                return null;
            };

            /**
             * Creates a SealedRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.SealedRequest} SealedRequest
             */
            SealedRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.SealedRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.SealedRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.SealedRequest();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.sealed != null)
                    if (object.sealed.length)
                        if (typeof object.sealed === "string")
                            $util.base64.decode(object.sealed, message.sealed = $util.newBuffer($util.base64.length(object.sealed)), 0);
                        else if (object.sealed.length >= 0)
                            message.sealed = object.sealed;
                if (object.channel != null)
                    if (typeof object.channel !== "string" || object.channel.length)
                        message.channel = $String(object.channel);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.deadlineMs != null)
                    if (typeof object.deadlineMs === "object" ? object.deadlineMs.low || object.deadlineMs.high : $Number(object.deadlineMs) !== 0)
                        if ($util.Long)
                            message.deadlineMs = $util.Long.fromValue(object.deadlineMs, true);
                        else if (typeof object.deadlineMs === "string")
                            message.deadlineMs = $parseInt(object.deadlineMs, 10);
                        else if (typeof object.deadlineMs === "number")
                            message.deadlineMs = object.deadlineMs;
                        else if (typeof object.deadlineMs === "object")
                            message.deadlineMs = new $util.LongBits(object.deadlineMs.low >>> 0, object.deadlineMs.high >>> 0).toNumber(true);
                if (object.modelId != null)
                    if (object.modelId.length)
                        if (typeof object.modelId === "string")
                            $util.base64.decode(object.modelId, message.modelId = $util.newBuffer($util.base64.length(object.modelId)), 0);
                        else if (object.modelId.length >= 0)
                            message.modelId = object.modelId;
                if (object.promptPriceNano != null)
                    if (typeof object.promptPriceNano === "object" ? object.promptPriceNano.low || object.promptPriceNano.high : $Number(object.promptPriceNano) !== 0)
                        if ($util.Long)
                            message.promptPriceNano = $util.Long.fromValue(object.promptPriceNano, true);
                        else if (typeof object.promptPriceNano === "string")
                            message.promptPriceNano = $parseInt(object.promptPriceNano, 10);
                        else if (typeof object.promptPriceNano === "number")
                            message.promptPriceNano = object.promptPriceNano;
                        else if (typeof object.promptPriceNano === "object")
                            message.promptPriceNano = new $util.LongBits(object.promptPriceNano.low >>> 0, object.promptPriceNano.high >>> 0).toNumber(true);
                if (object.completionPriceNano != null)
                    if (typeof object.completionPriceNano === "object" ? object.completionPriceNano.low || object.completionPriceNano.high : $Number(object.completionPriceNano) !== 0)
                        if ($util.Long)
                            message.completionPriceNano = $util.Long.fromValue(object.completionPriceNano, true);
                        else if (typeof object.completionPriceNano === "string")
                            message.completionPriceNano = $parseInt(object.completionPriceNano, 10);
                        else if (typeof object.completionPriceNano === "number")
                            message.completionPriceNano = object.completionPriceNano;
                        else if (typeof object.completionPriceNano === "object")
                            message.completionPriceNano = new $util.LongBits(object.completionPriceNano.low >>> 0, object.completionPriceNano.high >>> 0).toNumber(true);
                if (object.maxCostNano != null)
                    if (typeof object.maxCostNano === "object" ? object.maxCostNano.low || object.maxCostNano.high : $Number(object.maxCostNano) !== 0)
                        if ($util.Long)
                            message.maxCostNano = $util.Long.fromValue(object.maxCostNano, true);
                        else if (typeof object.maxCostNano === "string")
                            message.maxCostNano = $parseInt(object.maxCostNano, 10);
                        else if (typeof object.maxCostNano === "number")
                            message.maxCostNano = object.maxCostNano;
                        else if (typeof object.maxCostNano === "object")
                            message.maxCostNano = new $util.LongBits(object.maxCostNano.low >>> 0, object.maxCostNano.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a SealedRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {chrysalis.v1.SealedRequest} message SealedRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SealedRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    if (options.bytes === $String)
                        object.sealed = "";
                    else {
                        object.sealed = [];
                        if (options.bytes !== $Array)
                            object.sealed = $util.newBuffer(object.sealed);
                    }
                    object.channel = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.deadlineMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.deadlineMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.modelId = "";
                    else {
                        object.modelId = [];
                        if (options.bytes !== $Array)
                            object.modelId = $util.newBuffer(object.modelId);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.promptPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.promptPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.completionPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.completionPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.maxCostNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.maxCostNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed"))
                    object.sealed = options.bytes === $String ? $util.base64.encode(message.sealed, 0, message.sealed.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sealed) : message.sealed;
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    object.channel = message.channel;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.deadlineMs = typeof message.deadlineMs === "number" ? $BigInt(message.deadlineMs) : $util.Long.fromBits(message.deadlineMs.low >>> 0, message.deadlineMs.high >>> 0, true).toBigInt();
                    else if (typeof message.deadlineMs === "number")
                        object.deadlineMs = options.longs === $String ? $String(message.deadlineMs) : message.deadlineMs;
                    else
                        object.deadlineMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deadlineMs) : options.longs === $Number ? new $util.LongBits(message.deadlineMs.low >>> 0, message.deadlineMs.high >>> 0).toNumber(true) : message.deadlineMs;
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    object.modelId = options.bytes === $String ? $util.base64.encode(message.modelId, 0, message.modelId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.modelId) : message.modelId;
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.promptPriceNano = typeof message.promptPriceNano === "number" ? $BigInt(message.promptPriceNano) : $util.Long.fromBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.promptPriceNano === "number")
                        object.promptPriceNano = options.longs === $String ? $String(message.promptPriceNano) : message.promptPriceNano;
                    else
                        object.promptPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.promptPriceNano) : options.longs === $Number ? new $util.LongBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0).toNumber(true) : message.promptPriceNano;
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.completionPriceNano = typeof message.completionPriceNano === "number" ? $BigInt(message.completionPriceNano) : $util.Long.fromBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.completionPriceNano === "number")
                        object.completionPriceNano = options.longs === $String ? $String(message.completionPriceNano) : message.completionPriceNano;
                    else
                        object.completionPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.completionPriceNano) : options.longs === $Number ? new $util.LongBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0).toNumber(true) : message.completionPriceNano;
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.maxCostNano = typeof message.maxCostNano === "number" ? $BigInt(message.maxCostNano) : $util.Long.fromBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0, true).toBigInt();
                    else if (typeof message.maxCostNano === "number")
                        object.maxCostNano = options.longs === $String ? $String(message.maxCostNano) : message.maxCostNano;
                    else
                        object.maxCostNano = options.longs === $String ? $util.Long.prototype.toString.call(message.maxCostNano) : options.longs === $Number ? new $util.LongBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0).toNumber(true) : message.maxCostNano;
                return object;
            };

            /**
             * Converts this SealedRequest to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.SealedRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SealedRequest.prototype.toJSON = function() {
                return SealedRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SealedRequest
             * @function getTypeUrl
             * @memberof chrysalis.v1.SealedRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SealedRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.SealedRequest";
            };

            return SealedRequest;
        })();

        v1.Cancel = (function() {

            /**
             * Properties of a Cancel.
             * @typedef {Object} chrysalis.v1.Cancel.$Properties
             * @property {string|null} [requestId] Cancel requestId
             * @property {string|null} [code] Cancel code
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Cancel.
             * @memberof chrysalis.v1
             * @interface ICancel
             * @augments chrysalis.v1.Cancel.$Properties
             * @deprecated Use chrysalis.v1.Cancel.$Properties instead.
             */

            /**
             * Shape of a Cancel.
             * @typedef {chrysalis.v1.Cancel.$Properties} chrysalis.v1.Cancel.$Shape
             */

            /**
             * Constructs a new Cancel.
             * @memberof chrysalis.v1
             * @classdesc Represents a Cancel.
             * @constructor
             * @param {chrysalis.v1.Cancel.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Cancel = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Cancel requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.Cancel
             * @instance
             */
            Cancel.prototype.requestId = "";

            /**
             * Cancel code.
             * @member {string} code
             * @memberof chrysalis.v1.Cancel
             * @instance
             */
            Cancel.prototype.code = "";

            /**
             * Creates a new Cancel instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {chrysalis.v1.Cancel.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Cancel} Cancel instance
             * @type {{
             *   (properties: chrysalis.v1.Cancel.$Shape): chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape;
             *   (properties?: chrysalis.v1.Cancel.$Properties): chrysalis.v1.Cancel;
             * }}
             */
            Cancel.create = function(properties) {
                return new Cancel(properties);
            };

            /**
             * Encodes the specified Cancel message. Does not implicitly {@link chrysalis.v1.Cancel.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {chrysalis.v1.Cancel.$Properties} message Cancel message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Cancel.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.code);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Cancel message, length delimited. Does not implicitly {@link chrysalis.v1.Cancel.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {chrysalis.v1.Cancel.$Properties} message Cancel message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Cancel.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Cancel message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape} Cancel
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Cancel.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Cancel();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Cancel message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape} Cancel
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Cancel.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Cancel message.
             * @function verify
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Cancel.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                return null;
            };

            /**
             * Creates a Cancel message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Cancel} Cancel
             */
            Cancel.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Cancel)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Cancel: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Cancel();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                return message;
            };

            /**
             * Creates a plain object from a Cancel message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {chrysalis.v1.Cancel} message Cancel
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Cancel.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.code = "";
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                return object;
            };

            /**
             * Converts this Cancel to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Cancel
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Cancel.prototype.toJSON = function() {
                return Cancel.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Cancel
             * @function getTypeUrl
             * @memberof chrysalis.v1.Cancel
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Cancel.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Cancel";
            };

            return Cancel;
        })();

        v1.BrokerFrame = (function() {

            /**
             * Properties of a BrokerFrame.
             * @typedef {Object} chrysalis.v1.BrokerFrame.$Properties
             * @property {chrysalis.v1.Challenge.$Properties|null} [challenge] BrokerFrame challenge
             * @property {chrysalis.v1.AdmissionResult.$Properties|null} [admission] BrokerFrame admission
             * @property {chrysalis.v1.SealedRequest.$Properties|null} [request] BrokerFrame request
             * @property {chrysalis.v1.Cancel.$Properties|null} [cancel] BrokerFrame cancel
             * @property {chrysalis.v1.Heartbeat.$Properties|null} [heartbeat] BrokerFrame heartbeat
             * @property {chrysalis.v1.Drain.$Properties|null} [drain] BrokerFrame drain
             * @property {chrysalis.v1.Error.$Properties|null} [error] BrokerFrame error
             * @property {chrysalis.v1.WorkerVoucher.$Properties|null} [workerVoucher] BrokerFrame workerVoucher
             * @property {"challenge"|"admission"|"request"|"cancel"|"heartbeat"|"drain"|"error"|"workerVoucher"} [msg] BrokerFrame msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BrokerFrame.
             * @memberof chrysalis.v1
             * @interface IBrokerFrame
             * @augments chrysalis.v1.BrokerFrame.$Properties
             * @deprecated Use chrysalis.v1.BrokerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a BrokerFrame.
             * @typedef {{
             *   challenge?: chrysalis.v1.Challenge.$Shape|null;
             *   admission?: chrysalis.v1.AdmissionResult.$Shape|null;
             *   request?: chrysalis.v1.SealedRequest.$Shape|null;
             *   cancel?: chrysalis.v1.Cancel.$Shape|null;
             *   heartbeat?: chrysalis.v1.Heartbeat.$Shape|null;
             *   drain?: chrysalis.v1.Drain.$Shape|null;
             *   error?: chrysalis.v1.Error.$Shape|null;
             *   workerVoucher?: chrysalis.v1.WorkerVoucher.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "challenge"; challenge: chrysalis.v1.Challenge.$Shape; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "admission"; challenge?: null; admission: chrysalis.v1.AdmissionResult.$Shape; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "request"; challenge?: null; admission?: null; request: chrysalis.v1.SealedRequest.$Shape; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "cancel"; challenge?: null; admission?: null; request?: null; cancel: chrysalis.v1.Cancel.$Shape; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "heartbeat"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat: chrysalis.v1.Heartbeat.$Shape; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "drain"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain: chrysalis.v1.Drain.$Shape; error?: null; workerVoucher?: null }|{ msg?: "error"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error: chrysalis.v1.Error.$Shape; workerVoucher?: null }|{ msg?: "workerVoucher"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher: chrysalis.v1.WorkerVoucher.$Shape })
             * )} chrysalis.v1.BrokerFrame.$Shape
             */

            /**
             * Constructs a new BrokerFrame.
             * @memberof chrysalis.v1
             * @classdesc Represents a BrokerFrame.
             * @constructor
             * @param {chrysalis.v1.BrokerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var BrokerFrame = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BrokerFrame challenge.
             * @member {chrysalis.v1.Challenge.$Properties|null|undefined} challenge
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.challenge = null;

            /**
             * BrokerFrame admission.
             * @member {chrysalis.v1.AdmissionResult.$Properties|null|undefined} admission
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.admission = null;

            /**
             * BrokerFrame request.
             * @member {chrysalis.v1.SealedRequest.$Properties|null|undefined} request
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.request = null;

            /**
             * BrokerFrame cancel.
             * @member {chrysalis.v1.Cancel.$Properties|null|undefined} cancel
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.cancel = null;

            /**
             * BrokerFrame heartbeat.
             * @member {chrysalis.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.heartbeat = null;

            /**
             * BrokerFrame drain.
             * @member {chrysalis.v1.Drain.$Properties|null|undefined} drain
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.drain = null;

            /**
             * BrokerFrame error.
             * @member {chrysalis.v1.Error.$Properties|null|undefined} error
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.error = null;

            /**
             * BrokerFrame workerVoucher.
             * @member {chrysalis.v1.WorkerVoucher.$Properties|null|undefined} workerVoucher
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            BrokerFrame.prototype.workerVoucher = null;

            // OneOf field names bound to virtual getters and setters
            var $oneOfFields;

            /**
             * BrokerFrame msg.
             * @member {"challenge"|"admission"|"request"|"cancel"|"heartbeat"|"drain"|"error"|"workerVoucher"|undefined} msg
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             */
            $Object.defineProperty(BrokerFrame.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["challenge", "admission", "request", "cancel", "heartbeat", "drain", "error", "workerVoucher"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new BrokerFrame instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {chrysalis.v1.BrokerFrame.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.BrokerFrame} BrokerFrame instance
             * @type {{
             *   (properties: chrysalis.v1.BrokerFrame.$Shape): chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape;
             *   (properties?: chrysalis.v1.BrokerFrame.$Properties): chrysalis.v1.BrokerFrame;
             * }}
             */
            BrokerFrame.create = function(properties) {
                return new BrokerFrame(properties);
            };

            /**
             * Encodes the specified BrokerFrame message. Does not implicitly {@link chrysalis.v1.BrokerFrame.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {chrysalis.v1.BrokerFrame.$Properties} message BrokerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BrokerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    $root.chrysalis.v1.Challenge.encode(message.challenge, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.admission != null && $Object.hasOwnProperty.call(message, "admission"))
                    $root.chrysalis.v1.AdmissionResult.encode(message.admission, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.request != null && $Object.hasOwnProperty.call(message, "request"))
                    $root.chrysalis.v1.SealedRequest.encode(message.request, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.cancel != null && $Object.hasOwnProperty.call(message, "cancel"))
                    $root.chrysalis.v1.Cancel.encode(message.cancel, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.chrysalis.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain"))
                    $root.chrysalis.v1.Drain.encode(message.drain, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.chrysalis.v1.Error.encode(message.error, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.workerVoucher != null && $Object.hasOwnProperty.call(message, "workerVoucher"))
                    $root.chrysalis.v1.WorkerVoucher.encode(message.workerVoucher, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified BrokerFrame message, length delimited. Does not implicitly {@link chrysalis.v1.BrokerFrame.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {chrysalis.v1.BrokerFrame.$Properties} message BrokerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BrokerFrame.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BrokerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape} BrokerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BrokerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.BrokerFrame();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.challenge = $root.chrysalis.v1.Challenge.decode(reader, reader.size(), $undefined, _depth + 1, message.challenge);
                            message.msg = "challenge";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.admission = $root.chrysalis.v1.AdmissionResult.decode(reader, reader.size(), $undefined, _depth + 1, message.admission);
                            message.msg = "admission";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.request = $root.chrysalis.v1.SealedRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.request);
                            message.msg = "request";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.cancel = $root.chrysalis.v1.Cancel.decode(reader, reader.size(), $undefined, _depth + 1, message.cancel);
                            message.msg = "cancel";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.heartbeat = $root.chrysalis.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                            message.msg = "heartbeat";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.drain = $root.chrysalis.v1.Drain.decode(reader, reader.size(), $undefined, _depth + 1, message.drain);
                            message.msg = "drain";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.chrysalis.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.msg = "error";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.workerVoucher = $root.chrysalis.v1.WorkerVoucher.decode(reader, reader.size(), $undefined, _depth + 1, message.workerVoucher);
                            message.msg = "workerVoucher";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a BrokerFrame message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape} BrokerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BrokerFrame.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BrokerFrame message.
             * @function verify
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BrokerFrame.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                var properties = {};
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge")) {
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Challenge.verify(message.challenge, _depth + 1);
                        if (error)
                            return "challenge." + error;
                    }
                }
                if (message.admission != null && $Object.hasOwnProperty.call(message, "admission")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.AdmissionResult.verify(message.admission, _depth + 1);
                        if (error)
                            return "admission." + error;
                    }
                }
                if (message.request != null && $Object.hasOwnProperty.call(message, "request")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.SealedRequest.verify(message.request, _depth + 1);
                        if (error)
                            return "request." + error;
                    }
                }
                if (message.cancel != null && $Object.hasOwnProperty.call(message, "cancel")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Cancel.verify(message.cancel, _depth + 1);
                        if (error)
                            return "cancel." + error;
                    }
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Heartbeat.verify(message.heartbeat, _depth + 1);
                        if (error)
                            return "heartbeat." + error;
                    }
                }
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Drain.verify(message.drain, _depth + 1);
                        if (error)
                            return "drain." + error;
                    }
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Error.verify(message.error, _depth + 1);
                        if (error)
                            return "error." + error;
                    }
                }
                if (message.workerVoucher != null && $Object.hasOwnProperty.call(message, "workerVoucher")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.WorkerVoucher.verify(message.workerVoucher, _depth + 1);
                        if (error)
                            return "workerVoucher." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a BrokerFrame message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.BrokerFrame} BrokerFrame
             */
            BrokerFrame.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.BrokerFrame)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.BrokerFrame: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.BrokerFrame();
                if (object.challenge != null) {
                    if (!$util.isObject(object.challenge))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.challenge: object expected");
                    message.challenge = $root.chrysalis.v1.Challenge.fromObject(object.challenge, _depth + 1);
                }
                if (object.admission != null) {
                    if (!$util.isObject(object.admission))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.admission: object expected");
                    message.admission = $root.chrysalis.v1.AdmissionResult.fromObject(object.admission, _depth + 1);
                }
                if (object.request != null) {
                    if (!$util.isObject(object.request))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.request: object expected");
                    message.request = $root.chrysalis.v1.SealedRequest.fromObject(object.request, _depth + 1);
                }
                if (object.cancel != null) {
                    if (!$util.isObject(object.cancel))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.cancel: object expected");
                    message.cancel = $root.chrysalis.v1.Cancel.fromObject(object.cancel, _depth + 1);
                }
                if (object.heartbeat != null) {
                    if (!$util.isObject(object.heartbeat))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.heartbeat: object expected");
                    message.heartbeat = $root.chrysalis.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                }
                if (object.drain != null) {
                    if (!$util.isObject(object.drain))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.drain: object expected");
                    message.drain = $root.chrysalis.v1.Drain.fromObject(object.drain, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.error: object expected");
                    message.error = $root.chrysalis.v1.Error.fromObject(object.error, _depth + 1);
                }
                if (object.workerVoucher != null) {
                    if (!$util.isObject(object.workerVoucher))
                        throw $TypeError(".chrysalis.v1.BrokerFrame.workerVoucher: object expected");
                    message.workerVoucher = $root.chrysalis.v1.WorkerVoucher.fromObject(object.workerVoucher, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a BrokerFrame message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {chrysalis.v1.BrokerFrame} message BrokerFrame
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BrokerFrame.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge")) {
                    object.challenge = $root.chrysalis.v1.Challenge.toObject(message.challenge, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "challenge";
                }
                if (message.admission != null && $Object.hasOwnProperty.call(message, "admission")) {
                    object.admission = $root.chrysalis.v1.AdmissionResult.toObject(message.admission, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "admission";
                }
                if (message.request != null && $Object.hasOwnProperty.call(message, "request")) {
                    object.request = $root.chrysalis.v1.SealedRequest.toObject(message.request, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "request";
                }
                if (message.cancel != null && $Object.hasOwnProperty.call(message, "cancel")) {
                    object.cancel = $root.chrysalis.v1.Cancel.toObject(message.cancel, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "cancel";
                }
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                    object.heartbeat = $root.chrysalis.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "heartbeat";
                }
                if (message.drain != null && $Object.hasOwnProperty.call(message, "drain")) {
                    object.drain = $root.chrysalis.v1.Drain.toObject(message.drain, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "drain";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.chrysalis.v1.Error.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "error";
                }
                if (message.workerVoucher != null && $Object.hasOwnProperty.call(message, "workerVoucher")) {
                    object.workerVoucher = $root.chrysalis.v1.WorkerVoucher.toObject(message.workerVoucher, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "workerVoucher";
                }
                return object;
            };

            /**
             * Converts this BrokerFrame to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.BrokerFrame
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BrokerFrame.prototype.toJSON = function() {
                return BrokerFrame.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BrokerFrame
             * @function getTypeUrl
             * @memberof chrysalis.v1.BrokerFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BrokerFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.BrokerFrame";
            };

            return BrokerFrame;
        })();

        v1.WorkerVoucher = (function() {

            /**
             * Properties of a WorkerVoucher.
             * @typedef {Object} chrysalis.v1.WorkerVoucher.$Properties
             * @property {string|null} [channel] WorkerVoucher channel
             * @property {number|null} [cumulativeNano] WorkerVoucher cumulativeNano
             * @property {Uint8Array|null} [voucher] WorkerVoucher voucher
             * @property {Uint8Array|null} [signature] WorkerVoucher signature
             * @property {number|null} [earnedNano] WorkerVoucher earnedNano
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkerVoucher.
             * @memberof chrysalis.v1
             * @interface IWorkerVoucher
             * @augments chrysalis.v1.WorkerVoucher.$Properties
             * @deprecated Use chrysalis.v1.WorkerVoucher.$Properties instead.
             */

            /**
             * Shape of a WorkerVoucher.
             * @typedef {chrysalis.v1.WorkerVoucher.$Properties} chrysalis.v1.WorkerVoucher.$Shape
             */

            /**
             * Constructs a new WorkerVoucher.
             * @memberof chrysalis.v1
             * @classdesc Represents a WorkerVoucher.
             * @constructor
             * @param {chrysalis.v1.WorkerVoucher.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var WorkerVoucher = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkerVoucher channel.
             * @member {string} channel
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             */
            WorkerVoucher.prototype.channel = "";

            /**
             * WorkerVoucher cumulativeNano.
             * @member {number} cumulativeNano
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             */
            WorkerVoucher.prototype.cumulativeNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerVoucher voucher.
             * @member {Uint8Array} voucher
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             */
            WorkerVoucher.prototype.voucher = $util.newBuffer([]);

            /**
             * WorkerVoucher signature.
             * @member {Uint8Array} signature
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             */
            WorkerVoucher.prototype.signature = $util.newBuffer([]);

            /**
             * WorkerVoucher earnedNano.
             * @member {number} earnedNano
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             */
            WorkerVoucher.prototype.earnedNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new WorkerVoucher instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {chrysalis.v1.WorkerVoucher.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.WorkerVoucher} WorkerVoucher instance
             * @type {{
             *   (properties: chrysalis.v1.WorkerVoucher.$Shape): chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape;
             *   (properties?: chrysalis.v1.WorkerVoucher.$Properties): chrysalis.v1.WorkerVoucher;
             * }}
             */
            WorkerVoucher.create = function(properties) {
                return new WorkerVoucher(properties);
            };

            /**
             * Encodes the specified WorkerVoucher message. Does not implicitly {@link chrysalis.v1.WorkerVoucher.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {chrysalis.v1.WorkerVoucher.$Properties} message WorkerVoucher message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerVoucher.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.channel);
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano") && (typeof message.cumulativeNano === "object" ? message.cumulativeNano.low || message.cumulativeNano.high : message.cumulativeNano !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.cumulativeNano);
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher") && message.voucher.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.voucher);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.signature);
                if (message.earnedNano != null && $Object.hasOwnProperty.call(message, "earnedNano") && (typeof message.earnedNano === "object" ? message.earnedNano.low || message.earnedNano.high : message.earnedNano !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.earnedNano);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified WorkerVoucher message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerVoucher.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {chrysalis.v1.WorkerVoucher.$Properties} message WorkerVoucher message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerVoucher.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a WorkerVoucher message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape} WorkerVoucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerVoucher.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.WorkerVoucher();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.channel = value;
                            else
                                delete message.channel;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.cumulativeNano = value;
                            else
                                delete message.cumulativeNano;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.voucher = value;
                            else
                                delete message.voucher;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.earnedNano = value;
                            else
                                delete message.earnedNano;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a WorkerVoucher message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape} WorkerVoucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerVoucher.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a WorkerVoucher message.
             * @function verify
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerVoucher.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    if (!$util.isString(message.channel))
                        return "channel: string expected";
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano"))
                    if (!$util.isInteger(message.cumulativeNano) && !(message.cumulativeNano && $util.isInteger(message.cumulativeNano.low) && $util.isInteger(message.cumulativeNano.high)))
                        return "cumulativeNano: integer|Long expected";
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    if (!(message.voucher && typeof message.voucher.length === "number" || $util.isString(message.voucher)))
                        return "voucher: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                if (message.earnedNano != null && $Object.hasOwnProperty.call(message, "earnedNano"))
                    if (!$util.isInteger(message.earnedNano) && !(message.earnedNano && $util.isInteger(message.earnedNano.low) && $util.isInteger(message.earnedNano.high)))
                        return "earnedNano: integer|Long expected";
                return null;
            };

            /**
             * Creates a WorkerVoucher message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.WorkerVoucher} WorkerVoucher
             */
            WorkerVoucher.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.WorkerVoucher)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.WorkerVoucher: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.WorkerVoucher();
                if (object.channel != null)
                    if (typeof object.channel !== "string" || object.channel.length)
                        message.channel = $String(object.channel);
                if (object.cumulativeNano != null)
                    if (typeof object.cumulativeNano === "object" ? object.cumulativeNano.low || object.cumulativeNano.high : $Number(object.cumulativeNano) !== 0)
                        if ($util.Long)
                            message.cumulativeNano = $util.Long.fromValue(object.cumulativeNano, true);
                        else if (typeof object.cumulativeNano === "string")
                            message.cumulativeNano = $parseInt(object.cumulativeNano, 10);
                        else if (typeof object.cumulativeNano === "number")
                            message.cumulativeNano = object.cumulativeNano;
                        else if (typeof object.cumulativeNano === "object")
                            message.cumulativeNano = new $util.LongBits(object.cumulativeNano.low >>> 0, object.cumulativeNano.high >>> 0).toNumber(true);
                if (object.voucher != null)
                    if (object.voucher.length)
                        if (typeof object.voucher === "string")
                            $util.base64.decode(object.voucher, message.voucher = $util.newBuffer($util.base64.length(object.voucher)), 0);
                        else if (object.voucher.length >= 0)
                            message.voucher = object.voucher;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                if (object.earnedNano != null)
                    if (typeof object.earnedNano === "object" ? object.earnedNano.low || object.earnedNano.high : $Number(object.earnedNano) !== 0)
                        if ($util.Long)
                            message.earnedNano = $util.Long.fromValue(object.earnedNano, true);
                        else if (typeof object.earnedNano === "string")
                            message.earnedNano = $parseInt(object.earnedNano, 10);
                        else if (typeof object.earnedNano === "number")
                            message.earnedNano = object.earnedNano;
                        else if (typeof object.earnedNano === "object")
                            message.earnedNano = new $util.LongBits(object.earnedNano.low >>> 0, object.earnedNano.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a WorkerVoucher message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {chrysalis.v1.WorkerVoucher} message WorkerVoucher
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerVoucher.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.channel = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.cumulativeNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.cumulativeNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.voucher = "";
                    else {
                        object.voucher = [];
                        if (options.bytes !== $Array)
                            object.voucher = $util.newBuffer(object.voucher);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.earnedNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.earnedNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    object.channel = message.channel;
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.cumulativeNano = typeof message.cumulativeNano === "number" ? $BigInt(message.cumulativeNano) : $util.Long.fromBits(message.cumulativeNano.low >>> 0, message.cumulativeNano.high >>> 0, true).toBigInt();
                    else if (typeof message.cumulativeNano === "number")
                        object.cumulativeNano = options.longs === $String ? $String(message.cumulativeNano) : message.cumulativeNano;
                    else
                        object.cumulativeNano = options.longs === $String ? $util.Long.prototype.toString.call(message.cumulativeNano) : options.longs === $Number ? new $util.LongBits(message.cumulativeNano.low >>> 0, message.cumulativeNano.high >>> 0).toNumber(true) : message.cumulativeNano;
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    object.voucher = options.bytes === $String ? $util.base64.encode(message.voucher, 0, message.voucher.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.voucher) : message.voucher;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                if (message.earnedNano != null && $Object.hasOwnProperty.call(message, "earnedNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.earnedNano = typeof message.earnedNano === "number" ? $BigInt(message.earnedNano) : $util.Long.fromBits(message.earnedNano.low >>> 0, message.earnedNano.high >>> 0, true).toBigInt();
                    else if (typeof message.earnedNano === "number")
                        object.earnedNano = options.longs === $String ? $String(message.earnedNano) : message.earnedNano;
                    else
                        object.earnedNano = options.longs === $String ? $util.Long.prototype.toString.call(message.earnedNano) : options.longs === $Number ? new $util.LongBits(message.earnedNano.low >>> 0, message.earnedNano.high >>> 0).toNumber(true) : message.earnedNano;
                return object;
            };

            /**
             * Converts this WorkerVoucher to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.WorkerVoucher
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerVoucher.prototype.toJSON = function() {
                return WorkerVoucher.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkerVoucher
             * @function getTypeUrl
             * @memberof chrysalis.v1.WorkerVoucher
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkerVoucher.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.WorkerVoucher";
            };

            return WorkerVoucher;
        })();

        v1.WorkerEntry = (function() {

            /**
             * Properties of a WorkerEntry.
             * @typedef {Object} chrysalis.v1.WorkerEntry.$Properties
             * @property {string|null} [workerId] WorkerEntry workerId
             * @property {Uint8Array|null} [modelId] WorkerEntry modelId
             * @property {Uint8Array|null} [bundle] WorkerEntry bundle
             * @property {Uint8Array|null} [bundleDigest] WorkerEntry bundleDigest
             * @property {Uint8Array|null} [signingPublicKey] WorkerEntry signingPublicKey
             * @property {Uint8Array|null} [hpkePublicKey] WorkerEntry hpkePublicKey
             * @property {Uint8Array|null} [imageId] WorkerEntry imageId
             * @property {Uint8Array|null} [platformId] WorkerEntry platformId
             * @property {number|null} [admittedAtMs] WorkerEntry admittedAtMs
             * @property {number|null} [validUntilMs] WorkerEntry validUntilMs
             * @property {number|null} [queueDepth] WorkerEntry queueDepth
             * @property {number|null} [maxConcurrency] WorkerEntry maxConcurrency
             * @property {number|null} [promptPriceNano] WorkerEntry promptPriceNano
             * @property {number|null} [completionPriceNano] WorkerEntry completionPriceNano
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkerEntry.
             * @memberof chrysalis.v1
             * @interface IWorkerEntry
             * @augments chrysalis.v1.WorkerEntry.$Properties
             * @deprecated Use chrysalis.v1.WorkerEntry.$Properties instead.
             */

            /**
             * Shape of a WorkerEntry.
             * @typedef {chrysalis.v1.WorkerEntry.$Properties} chrysalis.v1.WorkerEntry.$Shape
             */

            /**
             * Constructs a new WorkerEntry.
             * @memberof chrysalis.v1
             * @classdesc Represents a WorkerEntry.
             * @constructor
             * @param {chrysalis.v1.WorkerEntry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var WorkerEntry = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkerEntry workerId.
             * @member {string} workerId
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.workerId = "";

            /**
             * WorkerEntry modelId.
             * @member {Uint8Array} modelId
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.modelId = $util.newBuffer([]);

            /**
             * WorkerEntry bundle.
             * @member {Uint8Array} bundle
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.bundle = $util.newBuffer([]);

            /**
             * WorkerEntry bundleDigest.
             * @member {Uint8Array} bundleDigest
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.bundleDigest = $util.newBuffer([]);

            /**
             * WorkerEntry signingPublicKey.
             * @member {Uint8Array} signingPublicKey
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.signingPublicKey = $util.newBuffer([]);

            /**
             * WorkerEntry hpkePublicKey.
             * @member {Uint8Array} hpkePublicKey
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.hpkePublicKey = $util.newBuffer([]);

            /**
             * WorkerEntry imageId.
             * @member {Uint8Array} imageId
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.imageId = $util.newBuffer([]);

            /**
             * WorkerEntry platformId.
             * @member {Uint8Array} platformId
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.platformId = $util.newBuffer([]);

            /**
             * WorkerEntry admittedAtMs.
             * @member {number} admittedAtMs
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.admittedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerEntry validUntilMs.
             * @member {number} validUntilMs
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.validUntilMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerEntry queueDepth.
             * @member {number} queueDepth
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.queueDepth = 0;

            /**
             * WorkerEntry maxConcurrency.
             * @member {number} maxConcurrency
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.maxConcurrency = 0;

            /**
             * WorkerEntry promptPriceNano.
             * @member {number} promptPriceNano
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.promptPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * WorkerEntry completionPriceNano.
             * @member {number} completionPriceNano
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             */
            WorkerEntry.prototype.completionPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new WorkerEntry instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {chrysalis.v1.WorkerEntry.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.WorkerEntry} WorkerEntry instance
             * @type {{
             *   (properties: chrysalis.v1.WorkerEntry.$Shape): chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape;
             *   (properties?: chrysalis.v1.WorkerEntry.$Properties): chrysalis.v1.WorkerEntry;
             * }}
             */
            WorkerEntry.create = function(properties) {
                return new WorkerEntry(properties);
            };

            /**
             * Encodes the specified WorkerEntry message. Does not implicitly {@link chrysalis.v1.WorkerEntry.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {chrysalis.v1.WorkerEntry.$Properties} message WorkerEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerEntry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.workerId);
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId") && message.modelId.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.modelId);
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle") && message.bundle.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.bundle);
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest") && message.bundleDigest.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.bundleDigest);
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey") && message.signingPublicKey.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.signingPublicKey);
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey") && message.hpkePublicKey.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.hpkePublicKey);
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId") && message.imageId.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.imageId);
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId") && message.platformId.length)
                    writer.uint32(/* id 9, wireType 2 =*/74).bytes(message.platformId);
                if (message.admittedAtMs != null && $Object.hasOwnProperty.call(message, "admittedAtMs") && (typeof message.admittedAtMs === "object" ? message.admittedAtMs.low || message.admittedAtMs.high : message.admittedAtMs !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.admittedAtMs);
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs") && (typeof message.validUntilMs === "object" ? message.validUntilMs.low || message.validUntilMs.high : message.validUntilMs !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.validUntilMs);
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth") && message.queueDepth !== 0)
                    writer.uint32(/* id 12, wireType 0 =*/96).uint32(message.queueDepth);
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency") && message.maxConcurrency !== 0)
                    writer.uint32(/* id 13, wireType 0 =*/104).uint32(message.maxConcurrency);
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano") && (typeof message.promptPriceNano === "object" ? message.promptPriceNano.low || message.promptPriceNano.high : message.promptPriceNano !== 0))
                    writer.uint32(/* id 14, wireType 0 =*/112).uint64(message.promptPriceNano);
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano") && (typeof message.completionPriceNano === "object" ? message.completionPriceNano.low || message.completionPriceNano.high : message.completionPriceNano !== 0))
                    writer.uint32(/* id 15, wireType 0 =*/120).uint64(message.completionPriceNano);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified WorkerEntry message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerEntry.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {chrysalis.v1.WorkerEntry.$Properties} message WorkerEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerEntry.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a WorkerEntry message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape} WorkerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerEntry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.WorkerEntry();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerId = value;
                            else
                                delete message.workerId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.modelId = value;
                            else
                                delete message.modelId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.bundle = value;
                            else
                                delete message.bundle;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.bundleDigest = value;
                            else
                                delete message.bundleDigest;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signingPublicKey = value;
                            else
                                delete message.signingPublicKey;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.hpkePublicKey = value;
                            else
                                delete message.hpkePublicKey;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.imageId = value;
                            else
                                delete message.imageId;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.platformId = value;
                            else
                                delete message.platformId;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.admittedAtMs = value;
                            else
                                delete message.admittedAtMs;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.validUntilMs = value;
                            else
                                delete message.validUntilMs;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.queueDepth = value;
                            else
                                delete message.queueDepth;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxConcurrency = value;
                            else
                                delete message.maxConcurrency;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.promptPriceNano = value;
                            else
                                delete message.promptPriceNano;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.completionPriceNano = value;
                            else
                                delete message.completionPriceNano;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a WorkerEntry message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape} WorkerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerEntry.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a WorkerEntry message.
             * @function verify
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerEntry.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    if (!$util.isString(message.workerId))
                        return "workerId: string expected";
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    if (!(message.modelId && typeof message.modelId.length === "number" || $util.isString(message.modelId)))
                        return "modelId: buffer expected";
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle"))
                    if (!(message.bundle && typeof message.bundle.length === "number" || $util.isString(message.bundle)))
                        return "bundle: buffer expected";
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest"))
                    if (!(message.bundleDigest && typeof message.bundleDigest.length === "number" || $util.isString(message.bundleDigest)))
                        return "bundleDigest: buffer expected";
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey"))
                    if (!(message.signingPublicKey && typeof message.signingPublicKey.length === "number" || $util.isString(message.signingPublicKey)))
                        return "signingPublicKey: buffer expected";
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey"))
                    if (!(message.hpkePublicKey && typeof message.hpkePublicKey.length === "number" || $util.isString(message.hpkePublicKey)))
                        return "hpkePublicKey: buffer expected";
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    if (!(message.imageId && typeof message.imageId.length === "number" || $util.isString(message.imageId)))
                        return "imageId: buffer expected";
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId"))
                    if (!(message.platformId && typeof message.platformId.length === "number" || $util.isString(message.platformId)))
                        return "platformId: buffer expected";
                if (message.admittedAtMs != null && $Object.hasOwnProperty.call(message, "admittedAtMs"))
                    if (!$util.isInteger(message.admittedAtMs) && !(message.admittedAtMs && $util.isInteger(message.admittedAtMs.low) && $util.isInteger(message.admittedAtMs.high)))
                        return "admittedAtMs: integer|Long expected";
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs"))
                    if (!$util.isInteger(message.validUntilMs) && !(message.validUntilMs && $util.isInteger(message.validUntilMs.low) && $util.isInteger(message.validUntilMs.high)))
                        return "validUntilMs: integer|Long expected";
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth"))
                    if (!$util.isInteger(message.queueDepth))
                        return "queueDepth: integer expected";
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency"))
                    if (!$util.isInteger(message.maxConcurrency))
                        return "maxConcurrency: integer expected";
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (!$util.isInteger(message.promptPriceNano) && !(message.promptPriceNano && $util.isInteger(message.promptPriceNano.low) && $util.isInteger(message.promptPriceNano.high)))
                        return "promptPriceNano: integer|Long expected";
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (!$util.isInteger(message.completionPriceNano) && !(message.completionPriceNano && $util.isInteger(message.completionPriceNano.low) && $util.isInteger(message.completionPriceNano.high)))
                        return "completionPriceNano: integer|Long expected";
                return null;
            };

            /**
             * Creates a WorkerEntry message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.WorkerEntry} WorkerEntry
             */
            WorkerEntry.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.WorkerEntry)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.WorkerEntry: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.WorkerEntry();
                if (object.workerId != null)
                    if (typeof object.workerId !== "string" || object.workerId.length)
                        message.workerId = $String(object.workerId);
                if (object.modelId != null)
                    if (object.modelId.length)
                        if (typeof object.modelId === "string")
                            $util.base64.decode(object.modelId, message.modelId = $util.newBuffer($util.base64.length(object.modelId)), 0);
                        else if (object.modelId.length >= 0)
                            message.modelId = object.modelId;
                if (object.bundle != null)
                    if (object.bundle.length)
                        if (typeof object.bundle === "string")
                            $util.base64.decode(object.bundle, message.bundle = $util.newBuffer($util.base64.length(object.bundle)), 0);
                        else if (object.bundle.length >= 0)
                            message.bundle = object.bundle;
                if (object.bundleDigest != null)
                    if (object.bundleDigest.length)
                        if (typeof object.bundleDigest === "string")
                            $util.base64.decode(object.bundleDigest, message.bundleDigest = $util.newBuffer($util.base64.length(object.bundleDigest)), 0);
                        else if (object.bundleDigest.length >= 0)
                            message.bundleDigest = object.bundleDigest;
                if (object.signingPublicKey != null)
                    if (object.signingPublicKey.length)
                        if (typeof object.signingPublicKey === "string")
                            $util.base64.decode(object.signingPublicKey, message.signingPublicKey = $util.newBuffer($util.base64.length(object.signingPublicKey)), 0);
                        else if (object.signingPublicKey.length >= 0)
                            message.signingPublicKey = object.signingPublicKey;
                if (object.hpkePublicKey != null)
                    if (object.hpkePublicKey.length)
                        if (typeof object.hpkePublicKey === "string")
                            $util.base64.decode(object.hpkePublicKey, message.hpkePublicKey = $util.newBuffer($util.base64.length(object.hpkePublicKey)), 0);
                        else if (object.hpkePublicKey.length >= 0)
                            message.hpkePublicKey = object.hpkePublicKey;
                if (object.imageId != null)
                    if (object.imageId.length)
                        if (typeof object.imageId === "string")
                            $util.base64.decode(object.imageId, message.imageId = $util.newBuffer($util.base64.length(object.imageId)), 0);
                        else if (object.imageId.length >= 0)
                            message.imageId = object.imageId;
                if (object.platformId != null)
                    if (object.platformId.length)
                        if (typeof object.platformId === "string")
                            $util.base64.decode(object.platformId, message.platformId = $util.newBuffer($util.base64.length(object.platformId)), 0);
                        else if (object.platformId.length >= 0)
                            message.platformId = object.platformId;
                if (object.admittedAtMs != null)
                    if (typeof object.admittedAtMs === "object" ? object.admittedAtMs.low || object.admittedAtMs.high : $Number(object.admittedAtMs) !== 0)
                        if ($util.Long)
                            message.admittedAtMs = $util.Long.fromValue(object.admittedAtMs, true);
                        else if (typeof object.admittedAtMs === "string")
                            message.admittedAtMs = $parseInt(object.admittedAtMs, 10);
                        else if (typeof object.admittedAtMs === "number")
                            message.admittedAtMs = object.admittedAtMs;
                        else if (typeof object.admittedAtMs === "object")
                            message.admittedAtMs = new $util.LongBits(object.admittedAtMs.low >>> 0, object.admittedAtMs.high >>> 0).toNumber(true);
                if (object.validUntilMs != null)
                    if (typeof object.validUntilMs === "object" ? object.validUntilMs.low || object.validUntilMs.high : $Number(object.validUntilMs) !== 0)
                        if ($util.Long)
                            message.validUntilMs = $util.Long.fromValue(object.validUntilMs, true);
                        else if (typeof object.validUntilMs === "string")
                            message.validUntilMs = $parseInt(object.validUntilMs, 10);
                        else if (typeof object.validUntilMs === "number")
                            message.validUntilMs = object.validUntilMs;
                        else if (typeof object.validUntilMs === "object")
                            message.validUntilMs = new $util.LongBits(object.validUntilMs.low >>> 0, object.validUntilMs.high >>> 0).toNumber(true);
                if (object.queueDepth != null)
                    if ($Number(object.queueDepth) !== 0)
                        message.queueDepth = object.queueDepth >>> 0;
                if (object.maxConcurrency != null)
                    if ($Number(object.maxConcurrency) !== 0)
                        message.maxConcurrency = object.maxConcurrency >>> 0;
                if (object.promptPriceNano != null)
                    if (typeof object.promptPriceNano === "object" ? object.promptPriceNano.low || object.promptPriceNano.high : $Number(object.promptPriceNano) !== 0)
                        if ($util.Long)
                            message.promptPriceNano = $util.Long.fromValue(object.promptPriceNano, true);
                        else if (typeof object.promptPriceNano === "string")
                            message.promptPriceNano = $parseInt(object.promptPriceNano, 10);
                        else if (typeof object.promptPriceNano === "number")
                            message.promptPriceNano = object.promptPriceNano;
                        else if (typeof object.promptPriceNano === "object")
                            message.promptPriceNano = new $util.LongBits(object.promptPriceNano.low >>> 0, object.promptPriceNano.high >>> 0).toNumber(true);
                if (object.completionPriceNano != null)
                    if (typeof object.completionPriceNano === "object" ? object.completionPriceNano.low || object.completionPriceNano.high : $Number(object.completionPriceNano) !== 0)
                        if ($util.Long)
                            message.completionPriceNano = $util.Long.fromValue(object.completionPriceNano, true);
                        else if (typeof object.completionPriceNano === "string")
                            message.completionPriceNano = $parseInt(object.completionPriceNano, 10);
                        else if (typeof object.completionPriceNano === "number")
                            message.completionPriceNano = object.completionPriceNano;
                        else if (typeof object.completionPriceNano === "object")
                            message.completionPriceNano = new $util.LongBits(object.completionPriceNano.low >>> 0, object.completionPriceNano.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a WorkerEntry message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {chrysalis.v1.WorkerEntry} message WorkerEntry
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerEntry.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.workerId = "";
                    if (options.bytes === $String)
                        object.modelId = "";
                    else {
                        object.modelId = [];
                        if (options.bytes !== $Array)
                            object.modelId = $util.newBuffer(object.modelId);
                    }
                    if (options.bytes === $String)
                        object.bundle = "";
                    else {
                        object.bundle = [];
                        if (options.bytes !== $Array)
                            object.bundle = $util.newBuffer(object.bundle);
                    }
                    if (options.bytes === $String)
                        object.bundleDigest = "";
                    else {
                        object.bundleDigest = [];
                        if (options.bytes !== $Array)
                            object.bundleDigest = $util.newBuffer(object.bundleDigest);
                    }
                    if (options.bytes === $String)
                        object.signingPublicKey = "";
                    else {
                        object.signingPublicKey = [];
                        if (options.bytes !== $Array)
                            object.signingPublicKey = $util.newBuffer(object.signingPublicKey);
                    }
                    if (options.bytes === $String)
                        object.hpkePublicKey = "";
                    else {
                        object.hpkePublicKey = [];
                        if (options.bytes !== $Array)
                            object.hpkePublicKey = $util.newBuffer(object.hpkePublicKey);
                    }
                    if (options.bytes === $String)
                        object.imageId = "";
                    else {
                        object.imageId = [];
                        if (options.bytes !== $Array)
                            object.imageId = $util.newBuffer(object.imageId);
                    }
                    if (options.bytes === $String)
                        object.platformId = "";
                    else {
                        object.platformId = [];
                        if (options.bytes !== $Array)
                            object.platformId = $util.newBuffer(object.platformId);
                    }
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.admittedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.admittedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.validUntilMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.validUntilMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.queueDepth = 0;
                    object.maxConcurrency = 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.promptPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.promptPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.completionPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.completionPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    object.workerId = message.workerId;
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    object.modelId = options.bytes === $String ? $util.base64.encode(message.modelId, 0, message.modelId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.modelId) : message.modelId;
                if (message.bundle != null && $Object.hasOwnProperty.call(message, "bundle"))
                    object.bundle = options.bytes === $String ? $util.base64.encode(message.bundle, 0, message.bundle.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.bundle) : message.bundle;
                if (message.bundleDigest != null && $Object.hasOwnProperty.call(message, "bundleDigest"))
                    object.bundleDigest = options.bytes === $String ? $util.base64.encode(message.bundleDigest, 0, message.bundleDigest.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.bundleDigest) : message.bundleDigest;
                if (message.signingPublicKey != null && $Object.hasOwnProperty.call(message, "signingPublicKey"))
                    object.signingPublicKey = options.bytes === $String ? $util.base64.encode(message.signingPublicKey, 0, message.signingPublicKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signingPublicKey) : message.signingPublicKey;
                if (message.hpkePublicKey != null && $Object.hasOwnProperty.call(message, "hpkePublicKey"))
                    object.hpkePublicKey = options.bytes === $String ? $util.base64.encode(message.hpkePublicKey, 0, message.hpkePublicKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.hpkePublicKey) : message.hpkePublicKey;
                if (message.imageId != null && $Object.hasOwnProperty.call(message, "imageId"))
                    object.imageId = options.bytes === $String ? $util.base64.encode(message.imageId, 0, message.imageId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.imageId) : message.imageId;
                if (message.platformId != null && $Object.hasOwnProperty.call(message, "platformId"))
                    object.platformId = options.bytes === $String ? $util.base64.encode(message.platformId, 0, message.platformId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.platformId) : message.platformId;
                if (message.admittedAtMs != null && $Object.hasOwnProperty.call(message, "admittedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.admittedAtMs = typeof message.admittedAtMs === "number" ? $BigInt(message.admittedAtMs) : $util.Long.fromBits(message.admittedAtMs.low >>> 0, message.admittedAtMs.high >>> 0, true).toBigInt();
                    else if (typeof message.admittedAtMs === "number")
                        object.admittedAtMs = options.longs === $String ? $String(message.admittedAtMs) : message.admittedAtMs;
                    else
                        object.admittedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.admittedAtMs) : options.longs === $Number ? new $util.LongBits(message.admittedAtMs.low >>> 0, message.admittedAtMs.high >>> 0).toNumber(true) : message.admittedAtMs;
                if (message.validUntilMs != null && $Object.hasOwnProperty.call(message, "validUntilMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.validUntilMs = typeof message.validUntilMs === "number" ? $BigInt(message.validUntilMs) : $util.Long.fromBits(message.validUntilMs.low >>> 0, message.validUntilMs.high >>> 0, true).toBigInt();
                    else if (typeof message.validUntilMs === "number")
                        object.validUntilMs = options.longs === $String ? $String(message.validUntilMs) : message.validUntilMs;
                    else
                        object.validUntilMs = options.longs === $String ? $util.Long.prototype.toString.call(message.validUntilMs) : options.longs === $Number ? new $util.LongBits(message.validUntilMs.low >>> 0, message.validUntilMs.high >>> 0).toNumber(true) : message.validUntilMs;
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth"))
                    object.queueDepth = message.queueDepth;
                if (message.maxConcurrency != null && $Object.hasOwnProperty.call(message, "maxConcurrency"))
                    object.maxConcurrency = message.maxConcurrency;
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.promptPriceNano = typeof message.promptPriceNano === "number" ? $BigInt(message.promptPriceNano) : $util.Long.fromBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.promptPriceNano === "number")
                        object.promptPriceNano = options.longs === $String ? $String(message.promptPriceNano) : message.promptPriceNano;
                    else
                        object.promptPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.promptPriceNano) : options.longs === $Number ? new $util.LongBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0).toNumber(true) : message.promptPriceNano;
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.completionPriceNano = typeof message.completionPriceNano === "number" ? $BigInt(message.completionPriceNano) : $util.Long.fromBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.completionPriceNano === "number")
                        object.completionPriceNano = options.longs === $String ? $String(message.completionPriceNano) : message.completionPriceNano;
                    else
                        object.completionPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.completionPriceNano) : options.longs === $Number ? new $util.LongBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0).toNumber(true) : message.completionPriceNano;
                return object;
            };

            /**
             * Converts this WorkerEntry to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.WorkerEntry
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerEntry.prototype.toJSON = function() {
                return WorkerEntry.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkerEntry
             * @function getTypeUrl
             * @memberof chrysalis.v1.WorkerEntry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkerEntry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.WorkerEntry";
            };

            return WorkerEntry;
        })();

        v1.WorkerList = (function() {

            /**
             * Properties of a WorkerList.
             * @typedef {Object} chrysalis.v1.WorkerList.$Properties
             * @property {Array.<chrysalis.v1.WorkerEntry.$Properties>|null} [workers] WorkerList workers
             * @property {string|null} [brokerId] WorkerList brokerId
             * @property {number|null} [protocolVersion] WorkerList protocolVersion
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkerList.
             * @memberof chrysalis.v1
             * @interface IWorkerList
             * @augments chrysalis.v1.WorkerList.$Properties
             * @deprecated Use chrysalis.v1.WorkerList.$Properties instead.
             */

            /**
             * Shape of a WorkerList.
             * @typedef {chrysalis.v1.WorkerList.$Properties} chrysalis.v1.WorkerList.$Shape
             */

            /**
             * Constructs a new WorkerList.
             * @memberof chrysalis.v1
             * @classdesc Represents a WorkerList.
             * @constructor
             * @param {chrysalis.v1.WorkerList.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var WorkerList = function (properties) {
                this.workers = [];
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkerList workers.
             * @member {Array.<chrysalis.v1.WorkerEntry.$Properties>} workers
             * @memberof chrysalis.v1.WorkerList
             * @instance
             */
            WorkerList.prototype.workers = $util.emptyArray;

            /**
             * WorkerList brokerId.
             * @member {string} brokerId
             * @memberof chrysalis.v1.WorkerList
             * @instance
             */
            WorkerList.prototype.brokerId = "";

            /**
             * WorkerList protocolVersion.
             * @member {number} protocolVersion
             * @memberof chrysalis.v1.WorkerList
             * @instance
             */
            WorkerList.prototype.protocolVersion = 0;

            /**
             * Creates a new WorkerList instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {chrysalis.v1.WorkerList.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.WorkerList} WorkerList instance
             * @type {{
             *   (properties: chrysalis.v1.WorkerList.$Shape): chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape;
             *   (properties?: chrysalis.v1.WorkerList.$Properties): chrysalis.v1.WorkerList;
             * }}
             */
            WorkerList.create = function(properties) {
                return new WorkerList(properties);
            };

            /**
             * Encodes the specified WorkerList message. Does not implicitly {@link chrysalis.v1.WorkerList.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {chrysalis.v1.WorkerList.$Properties} message WorkerList message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerList.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.workers != null && message.workers.length)
                    for (var i = 0; i < message.workers.length; ++i)
                        $root.chrysalis.v1.WorkerEntry.encode(message.workers[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId") && message.brokerId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.brokerId);
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.protocolVersion);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified WorkerList message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerList.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {chrysalis.v1.WorkerList.$Properties} message WorkerList message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkerList.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a WorkerList message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape} WorkerList
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerList.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.WorkerList();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.workers && message.workers.length))
                                message.workers = [];
                            message.workers.push($root.chrysalis.v1.WorkerEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.brokerId = value;
                            else
                                delete message.brokerId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a WorkerList message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape} WorkerList
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkerList.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a WorkerList message.
             * @function verify
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkerList.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.workers != null && $Object.hasOwnProperty.call(message, "workers")) {
                    if (!$Array.isArray(message.workers))
                        return "workers: array expected";
                    for (var i = 0; i < message.workers.length; ++i) {
                        var error = $root.chrysalis.v1.WorkerEntry.verify(message.workers[i], _depth + 1);
                        if (error)
                            return "workers." + error;
                    }
                }
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId"))
                    if (!$util.isString(message.brokerId))
                        return "brokerId: string expected";
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    if (!$util.isInteger(message.protocolVersion))
                        return "protocolVersion: integer expected";
                return null;
            };

            /**
             * Creates a WorkerList message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.WorkerList} WorkerList
             */
            WorkerList.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.WorkerList)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.WorkerList: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.WorkerList();
                if (object.workers) {
                    if (!$Array.isArray(object.workers))
                        throw $TypeError(".chrysalis.v1.WorkerList.workers: array expected");
                    message.workers = $Array(object.workers.length);
                    for (var i = 0; i < object.workers.length; ++i) {
                        if (!$util.isObject(object.workers[i]))
                            throw $TypeError(".chrysalis.v1.WorkerList.workers: object expected");
                        message.workers[i] = $root.chrysalis.v1.WorkerEntry.fromObject(object.workers[i], _depth + 1);
                    }
                }
                if (object.brokerId != null)
                    if (typeof object.brokerId !== "string" || object.brokerId.length)
                        message.brokerId = $String(object.brokerId);
                if (object.protocolVersion != null)
                    if ($Number(object.protocolVersion) !== 0)
                        message.protocolVersion = object.protocolVersion >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a WorkerList message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {chrysalis.v1.WorkerList} message WorkerList
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkerList.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.arrays || options.defaults)
                    object.workers = [];
                if (options.defaults) {
                    object.brokerId = "";
                    object.protocolVersion = 0;
                }
                if (message.workers && message.workers.length) {
                    object.workers = $Array(message.workers.length);
                    for (var j = 0; j < message.workers.length; ++j)
                        object.workers[j] = $root.chrysalis.v1.WorkerEntry.toObject(message.workers[j], options, _depth + 1);
                }
                if (message.brokerId != null && $Object.hasOwnProperty.call(message, "brokerId"))
                    object.brokerId = message.brokerId;
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                    object.protocolVersion = message.protocolVersion;
                return object;
            };

            /**
             * Converts this WorkerList to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.WorkerList
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkerList.prototype.toJSON = function() {
                return WorkerList.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkerList
             * @function getTypeUrl
             * @memberof chrysalis.v1.WorkerList
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkerList.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.WorkerList";
            };

            return WorkerList;
        })();

        v1.SubmitRequest = (function() {

            /**
             * Properties of a SubmitRequest.
             * @typedef {Object} chrysalis.v1.SubmitRequest.$Properties
             * @property {string|null} [workerId] SubmitRequest workerId
             * @property {Uint8Array|null} [modelId] SubmitRequest modelId
             * @property {Uint8Array|null} [sealed] SubmitRequest sealed
             * @property {Uint8Array|null} [clientKey] SubmitRequest clientKey
             * @property {Uint8Array|null} [nonce] SubmitRequest nonce
             * @property {Uint8Array|null} [signature] SubmitRequest signature
             * @property {string|null} [channel] SubmitRequest channel
             * @property {number|null} [maxPromptPriceNano] SubmitRequest maxPromptPriceNano
             * @property {number|null} [maxCompletionPriceNano] SubmitRequest maxCompletionPriceNano
             * @property {number|null} [maxCostNano] SubmitRequest maxCostNano
             * @property {chrysalis.v1.Voucher.$Properties|null} [voucher] SubmitRequest voucher
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SubmitRequest.
             * @memberof chrysalis.v1
             * @interface ISubmitRequest
             * @augments chrysalis.v1.SubmitRequest.$Properties
             * @deprecated Use chrysalis.v1.SubmitRequest.$Properties instead.
             */

            /**
             * Shape of a SubmitRequest.
             * @typedef {chrysalis.v1.SubmitRequest.$Properties} chrysalis.v1.SubmitRequest.$Shape
             */

            /**
             * Constructs a new SubmitRequest.
             * @memberof chrysalis.v1
             * @classdesc Represents a SubmitRequest.
             * @constructor
             * @param {chrysalis.v1.SubmitRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var SubmitRequest = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SubmitRequest workerId.
             * @member {string} workerId
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.workerId = "";

            /**
             * SubmitRequest modelId.
             * @member {Uint8Array} modelId
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.modelId = $util.newBuffer([]);

            /**
             * SubmitRequest sealed.
             * @member {Uint8Array} sealed
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.sealed = $util.newBuffer([]);

            /**
             * SubmitRequest clientKey.
             * @member {Uint8Array} clientKey
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.clientKey = $util.newBuffer([]);

            /**
             * SubmitRequest nonce.
             * @member {Uint8Array} nonce
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.nonce = $util.newBuffer([]);

            /**
             * SubmitRequest signature.
             * @member {Uint8Array} signature
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.signature = $util.newBuffer([]);

            /**
             * SubmitRequest channel.
             * @member {string} channel
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.channel = "";

            /**
             * SubmitRequest maxPromptPriceNano.
             * @member {number} maxPromptPriceNano
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.maxPromptPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SubmitRequest maxCompletionPriceNano.
             * @member {number} maxCompletionPriceNano
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.maxCompletionPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SubmitRequest maxCostNano.
             * @member {number} maxCostNano
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.maxCostNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SubmitRequest voucher.
             * @member {chrysalis.v1.Voucher.$Properties|null|undefined} voucher
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             */
            SubmitRequest.prototype.voucher = null;

            /**
             * Creates a new SubmitRequest instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {chrysalis.v1.SubmitRequest.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.SubmitRequest} SubmitRequest instance
             * @type {{
             *   (properties: chrysalis.v1.SubmitRequest.$Shape): chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape;
             *   (properties?: chrysalis.v1.SubmitRequest.$Properties): chrysalis.v1.SubmitRequest;
             * }}
             */
            SubmitRequest.create = function(properties) {
                return new SubmitRequest(properties);
            };

            /**
             * Encodes the specified SubmitRequest message. Does not implicitly {@link chrysalis.v1.SubmitRequest.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {chrysalis.v1.SubmitRequest.$Properties} message SubmitRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubmitRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.workerId);
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId") && message.modelId.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.modelId);
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed") && message.sealed.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.sealed);
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey") && message.clientKey.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.clientKey);
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.nonce);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.signature);
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.channel);
                if (message.maxPromptPriceNano != null && $Object.hasOwnProperty.call(message, "maxPromptPriceNano") && (typeof message.maxPromptPriceNano === "object" ? message.maxPromptPriceNano.low || message.maxPromptPriceNano.high : message.maxPromptPriceNano !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.maxPromptPriceNano);
                if (message.maxCompletionPriceNano != null && $Object.hasOwnProperty.call(message, "maxCompletionPriceNano") && (typeof message.maxCompletionPriceNano === "object" ? message.maxCompletionPriceNano.low || message.maxCompletionPriceNano.high : message.maxCompletionPriceNano !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.maxCompletionPriceNano);
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano") && (typeof message.maxCostNano === "object" ? message.maxCostNano.low || message.maxCostNano.high : message.maxCostNano !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.maxCostNano);
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    $root.chrysalis.v1.Voucher.encode(message.voucher, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SubmitRequest message, length delimited. Does not implicitly {@link chrysalis.v1.SubmitRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {chrysalis.v1.SubmitRequest.$Properties} message SubmitRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubmitRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SubmitRequest message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape} SubmitRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubmitRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.SubmitRequest();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerId = value;
                            else
                                delete message.workerId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.modelId = value;
                            else
                                delete message.modelId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.sealed = value;
                            else
                                delete message.sealed;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.clientKey = value;
                            else
                                delete message.clientKey;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.channel = value;
                            else
                                delete message.channel;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxPromptPriceNano = value;
                            else
                                delete message.maxPromptPriceNano;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxCompletionPriceNano = value;
                            else
                                delete message.maxCompletionPriceNano;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxCostNano = value;
                            else
                                delete message.maxCostNano;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.voucher = $root.chrysalis.v1.Voucher.decode(reader, reader.size(), $undefined, _depth + 1, message.voucher);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SubmitRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape} SubmitRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubmitRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SubmitRequest message.
             * @function verify
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SubmitRequest.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    if (!$util.isString(message.workerId))
                        return "workerId: string expected";
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    if (!(message.modelId && typeof message.modelId.length === "number" || $util.isString(message.modelId)))
                        return "modelId: buffer expected";
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed"))
                    if (!(message.sealed && typeof message.sealed.length === "number" || $util.isString(message.sealed)))
                        return "sealed: buffer expected";
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey"))
                    if (!(message.clientKey && typeof message.clientKey.length === "number" || $util.isString(message.clientKey)))
                        return "clientKey: buffer expected";
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    if (!(message.nonce && typeof message.nonce.length === "number" || $util.isString(message.nonce)))
                        return "nonce: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    if (!$util.isString(message.channel))
                        return "channel: string expected";
                if (message.maxPromptPriceNano != null && $Object.hasOwnProperty.call(message, "maxPromptPriceNano"))
                    if (!$util.isInteger(message.maxPromptPriceNano) && !(message.maxPromptPriceNano && $util.isInteger(message.maxPromptPriceNano.low) && $util.isInteger(message.maxPromptPriceNano.high)))
                        return "maxPromptPriceNano: integer|Long expected";
                if (message.maxCompletionPriceNano != null && $Object.hasOwnProperty.call(message, "maxCompletionPriceNano"))
                    if (!$util.isInteger(message.maxCompletionPriceNano) && !(message.maxCompletionPriceNano && $util.isInteger(message.maxCompletionPriceNano.low) && $util.isInteger(message.maxCompletionPriceNano.high)))
                        return "maxCompletionPriceNano: integer|Long expected";
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (!$util.isInteger(message.maxCostNano) && !(message.maxCostNano && $util.isInteger(message.maxCostNano.low) && $util.isInteger(message.maxCostNano.high)))
                        return "maxCostNano: integer|Long expected";
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher")) {
                    var error = $root.chrysalis.v1.Voucher.verify(message.voucher, _depth + 1);
                    if (error)
                        return "voucher." + error;
                }
                return null;
            };

            /**
             * Creates a SubmitRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.SubmitRequest} SubmitRequest
             */
            SubmitRequest.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.SubmitRequest)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.SubmitRequest: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.SubmitRequest();
                if (object.workerId != null)
                    if (typeof object.workerId !== "string" || object.workerId.length)
                        message.workerId = $String(object.workerId);
                if (object.modelId != null)
                    if (object.modelId.length)
                        if (typeof object.modelId === "string")
                            $util.base64.decode(object.modelId, message.modelId = $util.newBuffer($util.base64.length(object.modelId)), 0);
                        else if (object.modelId.length >= 0)
                            message.modelId = object.modelId;
                if (object.sealed != null)
                    if (object.sealed.length)
                        if (typeof object.sealed === "string")
                            $util.base64.decode(object.sealed, message.sealed = $util.newBuffer($util.base64.length(object.sealed)), 0);
                        else if (object.sealed.length >= 0)
                            message.sealed = object.sealed;
                if (object.clientKey != null)
                    if (object.clientKey.length)
                        if (typeof object.clientKey === "string")
                            $util.base64.decode(object.clientKey, message.clientKey = $util.newBuffer($util.base64.length(object.clientKey)), 0);
                        else if (object.clientKey.length >= 0)
                            message.clientKey = object.clientKey;
                if (object.nonce != null)
                    if (object.nonce.length)
                        if (typeof object.nonce === "string")
                            $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                        else if (object.nonce.length >= 0)
                            message.nonce = object.nonce;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                if (object.channel != null)
                    if (typeof object.channel !== "string" || object.channel.length)
                        message.channel = $String(object.channel);
                if (object.maxPromptPriceNano != null)
                    if (typeof object.maxPromptPriceNano === "object" ? object.maxPromptPriceNano.low || object.maxPromptPriceNano.high : $Number(object.maxPromptPriceNano) !== 0)
                        if ($util.Long)
                            message.maxPromptPriceNano = $util.Long.fromValue(object.maxPromptPriceNano, true);
                        else if (typeof object.maxPromptPriceNano === "string")
                            message.maxPromptPriceNano = $parseInt(object.maxPromptPriceNano, 10);
                        else if (typeof object.maxPromptPriceNano === "number")
                            message.maxPromptPriceNano = object.maxPromptPriceNano;
                        else if (typeof object.maxPromptPriceNano === "object")
                            message.maxPromptPriceNano = new $util.LongBits(object.maxPromptPriceNano.low >>> 0, object.maxPromptPriceNano.high >>> 0).toNumber(true);
                if (object.maxCompletionPriceNano != null)
                    if (typeof object.maxCompletionPriceNano === "object" ? object.maxCompletionPriceNano.low || object.maxCompletionPriceNano.high : $Number(object.maxCompletionPriceNano) !== 0)
                        if ($util.Long)
                            message.maxCompletionPriceNano = $util.Long.fromValue(object.maxCompletionPriceNano, true);
                        else if (typeof object.maxCompletionPriceNano === "string")
                            message.maxCompletionPriceNano = $parseInt(object.maxCompletionPriceNano, 10);
                        else if (typeof object.maxCompletionPriceNano === "number")
                            message.maxCompletionPriceNano = object.maxCompletionPriceNano;
                        else if (typeof object.maxCompletionPriceNano === "object")
                            message.maxCompletionPriceNano = new $util.LongBits(object.maxCompletionPriceNano.low >>> 0, object.maxCompletionPriceNano.high >>> 0).toNumber(true);
                if (object.maxCostNano != null)
                    if (typeof object.maxCostNano === "object" ? object.maxCostNano.low || object.maxCostNano.high : $Number(object.maxCostNano) !== 0)
                        if ($util.Long)
                            message.maxCostNano = $util.Long.fromValue(object.maxCostNano, true);
                        else if (typeof object.maxCostNano === "string")
                            message.maxCostNano = $parseInt(object.maxCostNano, 10);
                        else if (typeof object.maxCostNano === "number")
                            message.maxCostNano = object.maxCostNano;
                        else if (typeof object.maxCostNano === "object")
                            message.maxCostNano = new $util.LongBits(object.maxCostNano.low >>> 0, object.maxCostNano.high >>> 0).toNumber(true);
                if (object.voucher != null) {
                    if (!$util.isObject(object.voucher))
                        throw $TypeError(".chrysalis.v1.SubmitRequest.voucher: object expected");
                    message.voucher = $root.chrysalis.v1.Voucher.fromObject(object.voucher, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a SubmitRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {chrysalis.v1.SubmitRequest} message SubmitRequest
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SubmitRequest.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.workerId = "";
                    if (options.bytes === $String)
                        object.modelId = "";
                    else {
                        object.modelId = [];
                        if (options.bytes !== $Array)
                            object.modelId = $util.newBuffer(object.modelId);
                    }
                    if (options.bytes === $String)
                        object.sealed = "";
                    else {
                        object.sealed = [];
                        if (options.bytes !== $Array)
                            object.sealed = $util.newBuffer(object.sealed);
                    }
                    if (options.bytes === $String)
                        object.clientKey = "";
                    else {
                        object.clientKey = [];
                        if (options.bytes !== $Array)
                            object.clientKey = $util.newBuffer(object.clientKey);
                    }
                    if (options.bytes === $String)
                        object.nonce = "";
                    else {
                        object.nonce = [];
                        if (options.bytes !== $Array)
                            object.nonce = $util.newBuffer(object.nonce);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                    object.channel = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.maxPromptPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.maxPromptPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.maxCompletionPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.maxCompletionPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.maxCostNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.maxCostNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.voucher = null;
                }
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    object.workerId = message.workerId;
                if (message.modelId != null && $Object.hasOwnProperty.call(message, "modelId"))
                    object.modelId = options.bytes === $String ? $util.base64.encode(message.modelId, 0, message.modelId.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.modelId) : message.modelId;
                if (message.sealed != null && $Object.hasOwnProperty.call(message, "sealed"))
                    object.sealed = options.bytes === $String ? $util.base64.encode(message.sealed, 0, message.sealed.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sealed) : message.sealed;
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey"))
                    object.clientKey = options.bytes === $String ? $util.base64.encode(message.clientKey, 0, message.clientKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.clientKey) : message.clientKey;
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                    object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    object.channel = message.channel;
                if (message.maxPromptPriceNano != null && $Object.hasOwnProperty.call(message, "maxPromptPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.maxPromptPriceNano = typeof message.maxPromptPriceNano === "number" ? $BigInt(message.maxPromptPriceNano) : $util.Long.fromBits(message.maxPromptPriceNano.low >>> 0, message.maxPromptPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.maxPromptPriceNano === "number")
                        object.maxPromptPriceNano = options.longs === $String ? $String(message.maxPromptPriceNano) : message.maxPromptPriceNano;
                    else
                        object.maxPromptPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.maxPromptPriceNano) : options.longs === $Number ? new $util.LongBits(message.maxPromptPriceNano.low >>> 0, message.maxPromptPriceNano.high >>> 0).toNumber(true) : message.maxPromptPriceNano;
                if (message.maxCompletionPriceNano != null && $Object.hasOwnProperty.call(message, "maxCompletionPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.maxCompletionPriceNano = typeof message.maxCompletionPriceNano === "number" ? $BigInt(message.maxCompletionPriceNano) : $util.Long.fromBits(message.maxCompletionPriceNano.low >>> 0, message.maxCompletionPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.maxCompletionPriceNano === "number")
                        object.maxCompletionPriceNano = options.longs === $String ? $String(message.maxCompletionPriceNano) : message.maxCompletionPriceNano;
                    else
                        object.maxCompletionPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.maxCompletionPriceNano) : options.longs === $Number ? new $util.LongBits(message.maxCompletionPriceNano.low >>> 0, message.maxCompletionPriceNano.high >>> 0).toNumber(true) : message.maxCompletionPriceNano;
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.maxCostNano = typeof message.maxCostNano === "number" ? $BigInt(message.maxCostNano) : $util.Long.fromBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0, true).toBigInt();
                    else if (typeof message.maxCostNano === "number")
                        object.maxCostNano = options.longs === $String ? $String(message.maxCostNano) : message.maxCostNano;
                    else
                        object.maxCostNano = options.longs === $String ? $util.Long.prototype.toString.call(message.maxCostNano) : options.longs === $Number ? new $util.LongBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0).toNumber(true) : message.maxCostNano;
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    object.voucher = $root.chrysalis.v1.Voucher.toObject(message.voucher, options, _depth + 1);
                return object;
            };

            /**
             * Converts this SubmitRequest to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.SubmitRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SubmitRequest.prototype.toJSON = function() {
                return SubmitRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SubmitRequest
             * @function getTypeUrl
             * @memberof chrysalis.v1.SubmitRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SubmitRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.SubmitRequest";
            };

            return SubmitRequest;
        })();

        v1.StreamAccepted = (function() {

            /**
             * Properties of a StreamAccepted.
             * @typedef {Object} chrysalis.v1.StreamAccepted.$Properties
             * @property {string|null} [requestId] StreamAccepted requestId
             * @property {string|null} [workerId] StreamAccepted workerId
             * @property {number|null} [seq] StreamAccepted seq
             * @property {number|null} [promptPriceNano] StreamAccepted promptPriceNano
             * @property {number|null} [completionPriceNano] StreamAccepted completionPriceNano
             * @property {number|null} [maxCostNano] StreamAccepted maxCostNano
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StreamAccepted.
             * @memberof chrysalis.v1
             * @interface IStreamAccepted
             * @augments chrysalis.v1.StreamAccepted.$Properties
             * @deprecated Use chrysalis.v1.StreamAccepted.$Properties instead.
             */

            /**
             * Shape of a StreamAccepted.
             * @typedef {chrysalis.v1.StreamAccepted.$Properties} chrysalis.v1.StreamAccepted.$Shape
             */

            /**
             * Constructs a new StreamAccepted.
             * @memberof chrysalis.v1
             * @classdesc Represents a StreamAccepted.
             * @constructor
             * @param {chrysalis.v1.StreamAccepted.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var StreamAccepted = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StreamAccepted requestId.
             * @member {string} requestId
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.requestId = "";

            /**
             * StreamAccepted workerId.
             * @member {string} workerId
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.workerId = "";

            /**
             * StreamAccepted seq.
             * @member {number} seq
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StreamAccepted promptPriceNano.
             * @member {number} promptPriceNano
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.promptPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StreamAccepted completionPriceNano.
             * @member {number} completionPriceNano
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.completionPriceNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StreamAccepted maxCostNano.
             * @member {number} maxCostNano
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             */
            StreamAccepted.prototype.maxCostNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new StreamAccepted instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {chrysalis.v1.StreamAccepted.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.StreamAccepted} StreamAccepted instance
             * @type {{
             *   (properties: chrysalis.v1.StreamAccepted.$Shape): chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape;
             *   (properties?: chrysalis.v1.StreamAccepted.$Properties): chrysalis.v1.StreamAccepted;
             * }}
             */
            StreamAccepted.create = function(properties) {
                return new StreamAccepted(properties);
            };

            /**
             * Encodes the specified StreamAccepted message. Does not implicitly {@link chrysalis.v1.StreamAccepted.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {chrysalis.v1.StreamAccepted.$Properties} message StreamAccepted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamAccepted.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId") && message.workerId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.workerId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano") && (typeof message.promptPriceNano === "object" ? message.promptPriceNano.low || message.promptPriceNano.high : message.promptPriceNano !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.promptPriceNano);
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano") && (typeof message.completionPriceNano === "object" ? message.completionPriceNano.low || message.completionPriceNano.high : message.completionPriceNano !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.completionPriceNano);
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano") && (typeof message.maxCostNano === "object" ? message.maxCostNano.low || message.maxCostNano.high : message.maxCostNano !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.maxCostNano);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified StreamAccepted message, length delimited. Does not implicitly {@link chrysalis.v1.StreamAccepted.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {chrysalis.v1.StreamAccepted.$Properties} message StreamAccepted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamAccepted.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StreamAccepted message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape} StreamAccepted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamAccepted.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.StreamAccepted();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workerId = value;
                            else
                                delete message.workerId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.promptPriceNano = value;
                            else
                                delete message.promptPriceNano;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.completionPriceNano = value;
                            else
                                delete message.completionPriceNano;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxCostNano = value;
                            else
                                delete message.maxCostNano;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a StreamAccepted message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape} StreamAccepted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamAccepted.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StreamAccepted message.
             * @function verify
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StreamAccepted.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    if (!$util.isString(message.workerId))
                        return "workerId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (!$util.isInteger(message.promptPriceNano) && !(message.promptPriceNano && $util.isInteger(message.promptPriceNano.low) && $util.isInteger(message.promptPriceNano.high)))
                        return "promptPriceNano: integer|Long expected";
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (!$util.isInteger(message.completionPriceNano) && !(message.completionPriceNano && $util.isInteger(message.completionPriceNano.low) && $util.isInteger(message.completionPriceNano.high)))
                        return "completionPriceNano: integer|Long expected";
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (!$util.isInteger(message.maxCostNano) && !(message.maxCostNano && $util.isInteger(message.maxCostNano.low) && $util.isInteger(message.maxCostNano.high)))
                        return "maxCostNano: integer|Long expected";
                return null;
            };

            /**
             * Creates a StreamAccepted message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.StreamAccepted} StreamAccepted
             */
            StreamAccepted.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.StreamAccepted)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.StreamAccepted: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.StreamAccepted();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.workerId != null)
                    if (typeof object.workerId !== "string" || object.workerId.length)
                        message.workerId = $String(object.workerId);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.promptPriceNano != null)
                    if (typeof object.promptPriceNano === "object" ? object.promptPriceNano.low || object.promptPriceNano.high : $Number(object.promptPriceNano) !== 0)
                        if ($util.Long)
                            message.promptPriceNano = $util.Long.fromValue(object.promptPriceNano, true);
                        else if (typeof object.promptPriceNano === "string")
                            message.promptPriceNano = $parseInt(object.promptPriceNano, 10);
                        else if (typeof object.promptPriceNano === "number")
                            message.promptPriceNano = object.promptPriceNano;
                        else if (typeof object.promptPriceNano === "object")
                            message.promptPriceNano = new $util.LongBits(object.promptPriceNano.low >>> 0, object.promptPriceNano.high >>> 0).toNumber(true);
                if (object.completionPriceNano != null)
                    if (typeof object.completionPriceNano === "object" ? object.completionPriceNano.low || object.completionPriceNano.high : $Number(object.completionPriceNano) !== 0)
                        if ($util.Long)
                            message.completionPriceNano = $util.Long.fromValue(object.completionPriceNano, true);
                        else if (typeof object.completionPriceNano === "string")
                            message.completionPriceNano = $parseInt(object.completionPriceNano, 10);
                        else if (typeof object.completionPriceNano === "number")
                            message.completionPriceNano = object.completionPriceNano;
                        else if (typeof object.completionPriceNano === "object")
                            message.completionPriceNano = new $util.LongBits(object.completionPriceNano.low >>> 0, object.completionPriceNano.high >>> 0).toNumber(true);
                if (object.maxCostNano != null)
                    if (typeof object.maxCostNano === "object" ? object.maxCostNano.low || object.maxCostNano.high : $Number(object.maxCostNano) !== 0)
                        if ($util.Long)
                            message.maxCostNano = $util.Long.fromValue(object.maxCostNano, true);
                        else if (typeof object.maxCostNano === "string")
                            message.maxCostNano = $parseInt(object.maxCostNano, 10);
                        else if (typeof object.maxCostNano === "number")
                            message.maxCostNano = object.maxCostNano;
                        else if (typeof object.maxCostNano === "object")
                            message.maxCostNano = new $util.LongBits(object.maxCostNano.low >>> 0, object.maxCostNano.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a StreamAccepted message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {chrysalis.v1.StreamAccepted} message StreamAccepted
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StreamAccepted.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.workerId = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.promptPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.promptPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.completionPriceNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.completionPriceNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.maxCostNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.maxCostNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.workerId != null && $Object.hasOwnProperty.call(message, "workerId"))
                    object.workerId = message.workerId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.promptPriceNano != null && $Object.hasOwnProperty.call(message, "promptPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.promptPriceNano = typeof message.promptPriceNano === "number" ? $BigInt(message.promptPriceNano) : $util.Long.fromBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.promptPriceNano === "number")
                        object.promptPriceNano = options.longs === $String ? $String(message.promptPriceNano) : message.promptPriceNano;
                    else
                        object.promptPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.promptPriceNano) : options.longs === $Number ? new $util.LongBits(message.promptPriceNano.low >>> 0, message.promptPriceNano.high >>> 0).toNumber(true) : message.promptPriceNano;
                if (message.completionPriceNano != null && $Object.hasOwnProperty.call(message, "completionPriceNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.completionPriceNano = typeof message.completionPriceNano === "number" ? $BigInt(message.completionPriceNano) : $util.Long.fromBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0, true).toBigInt();
                    else if (typeof message.completionPriceNano === "number")
                        object.completionPriceNano = options.longs === $String ? $String(message.completionPriceNano) : message.completionPriceNano;
                    else
                        object.completionPriceNano = options.longs === $String ? $util.Long.prototype.toString.call(message.completionPriceNano) : options.longs === $Number ? new $util.LongBits(message.completionPriceNano.low >>> 0, message.completionPriceNano.high >>> 0).toNumber(true) : message.completionPriceNano;
                if (message.maxCostNano != null && $Object.hasOwnProperty.call(message, "maxCostNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.maxCostNano = typeof message.maxCostNano === "number" ? $BigInt(message.maxCostNano) : $util.Long.fromBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0, true).toBigInt();
                    else if (typeof message.maxCostNano === "number")
                        object.maxCostNano = options.longs === $String ? $String(message.maxCostNano) : message.maxCostNano;
                    else
                        object.maxCostNano = options.longs === $String ? $util.Long.prototype.toString.call(message.maxCostNano) : options.longs === $Number ? new $util.LongBits(message.maxCostNano.low >>> 0, message.maxCostNano.high >>> 0).toNumber(true) : message.maxCostNano;
                return object;
            };

            /**
             * Converts this StreamAccepted to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.StreamAccepted
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StreamAccepted.prototype.toJSON = function() {
                return StreamAccepted.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StreamAccepted
             * @function getTypeUrl
             * @memberof chrysalis.v1.StreamAccepted
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StreamAccepted.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.StreamAccepted";
            };

            return StreamAccepted;
        })();

        v1.StreamFrame = (function() {

            /**
             * Properties of a StreamFrame.
             * @typedef {Object} chrysalis.v1.StreamFrame.$Properties
             * @property {chrysalis.v1.StreamAccepted.$Properties|null} [accepted] StreamFrame accepted
             * @property {chrysalis.v1.SealedChunk.$Properties|null} [chunk] StreamFrame chunk
             * @property {chrysalis.v1.ReceiptMsg.$Properties|null} [receipt] StreamFrame receipt
             * @property {chrysalis.v1.Error.$Properties|null} [error] StreamFrame error
             * @property {"accepted"|"chunk"|"receipt"|"error"} [msg] StreamFrame msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StreamFrame.
             * @memberof chrysalis.v1
             * @interface IStreamFrame
             * @augments chrysalis.v1.StreamFrame.$Properties
             * @deprecated Use chrysalis.v1.StreamFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a StreamFrame.
             * @typedef {{
             *   accepted?: chrysalis.v1.StreamAccepted.$Shape|null;
             *   chunk?: chrysalis.v1.SealedChunk.$Shape|null;
             *   receipt?: chrysalis.v1.ReceiptMsg.$Shape|null;
             *   error?: chrysalis.v1.Error.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; accepted?: null; chunk?: null; receipt?: null; error?: null }|{ msg?: "accepted"; accepted: chrysalis.v1.StreamAccepted.$Shape; chunk?: null; receipt?: null; error?: null }|{ msg?: "chunk"; accepted?: null; chunk: chrysalis.v1.SealedChunk.$Shape; receipt?: null; error?: null }|{ msg?: "receipt"; accepted?: null; chunk?: null; receipt: chrysalis.v1.ReceiptMsg.$Shape; error?: null }|{ msg?: "error"; accepted?: null; chunk?: null; receipt?: null; error: chrysalis.v1.Error.$Shape })
             * )} chrysalis.v1.StreamFrame.$Shape
             */

            /**
             * Constructs a new StreamFrame.
             * @memberof chrysalis.v1
             * @classdesc Represents a StreamFrame.
             * @constructor
             * @param {chrysalis.v1.StreamFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var StreamFrame = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StreamFrame accepted.
             * @member {chrysalis.v1.StreamAccepted.$Properties|null|undefined} accepted
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             */
            StreamFrame.prototype.accepted = null;

            /**
             * StreamFrame chunk.
             * @member {chrysalis.v1.SealedChunk.$Properties|null|undefined} chunk
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             */
            StreamFrame.prototype.chunk = null;

            /**
             * StreamFrame receipt.
             * @member {chrysalis.v1.ReceiptMsg.$Properties|null|undefined} receipt
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             */
            StreamFrame.prototype.receipt = null;

            /**
             * StreamFrame error.
             * @member {chrysalis.v1.Error.$Properties|null|undefined} error
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             */
            StreamFrame.prototype.error = null;

            // OneOf field names bound to virtual getters and setters
            var $oneOfFields;

            /**
             * StreamFrame msg.
             * @member {"accepted"|"chunk"|"receipt"|"error"|undefined} msg
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             */
            $Object.defineProperty(StreamFrame.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["accepted", "chunk", "receipt", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new StreamFrame instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {chrysalis.v1.StreamFrame.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.StreamFrame} StreamFrame instance
             * @type {{
             *   (properties: chrysalis.v1.StreamFrame.$Shape): chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape;
             *   (properties?: chrysalis.v1.StreamFrame.$Properties): chrysalis.v1.StreamFrame;
             * }}
             */
            StreamFrame.create = function(properties) {
                return new StreamFrame(properties);
            };

            /**
             * Encodes the specified StreamFrame message. Does not implicitly {@link chrysalis.v1.StreamFrame.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {chrysalis.v1.StreamFrame.$Properties} message StreamFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accepted != null && $Object.hasOwnProperty.call(message, "accepted"))
                    $root.chrysalis.v1.StreamAccepted.encode(message.accepted, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk"))
                    $root.chrysalis.v1.SealedChunk.encode(message.chunk, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt"))
                    $root.chrysalis.v1.ReceiptMsg.encode(message.receipt, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.chrysalis.v1.Error.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified StreamFrame message, length delimited. Does not implicitly {@link chrysalis.v1.StreamFrame.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {chrysalis.v1.StreamFrame.$Properties} message StreamFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamFrame.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StreamFrame message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape} StreamFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.StreamFrame();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.accepted = $root.chrysalis.v1.StreamAccepted.decode(reader, reader.size(), $undefined, _depth + 1, message.accepted);
                            message.msg = "accepted";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.chunk = $root.chrysalis.v1.SealedChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.chunk);
                            message.msg = "chunk";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.receipt = $root.chrysalis.v1.ReceiptMsg.decode(reader, reader.size(), $undefined, _depth + 1, message.receipt);
                            message.msg = "receipt";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.chrysalis.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.msg = "error";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a StreamFrame message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape} StreamFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamFrame.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StreamFrame message.
             * @function verify
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StreamFrame.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                var properties = {};
                if (message.accepted != null && $Object.hasOwnProperty.call(message, "accepted")) {
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.StreamAccepted.verify(message.accepted, _depth + 1);
                        if (error)
                            return "accepted." + error;
                    }
                }
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.SealedChunk.verify(message.chunk, _depth + 1);
                        if (error)
                            return "chunk." + error;
                    }
                }
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.ReceiptMsg.verify(message.receipt, _depth + 1);
                        if (error)
                            return "receipt." + error;
                    }
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    if (properties.msg === 1)
                        return "msg: multiple values";
                    properties.msg = 1;
                    {
                        var error = $root.chrysalis.v1.Error.verify(message.error, _depth + 1);
                        if (error)
                            return "error." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a StreamFrame message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.StreamFrame} StreamFrame
             */
            StreamFrame.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.StreamFrame)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.StreamFrame: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.StreamFrame();
                if (object.accepted != null) {
                    if (!$util.isObject(object.accepted))
                        throw $TypeError(".chrysalis.v1.StreamFrame.accepted: object expected");
                    message.accepted = $root.chrysalis.v1.StreamAccepted.fromObject(object.accepted, _depth + 1);
                }
                if (object.chunk != null) {
                    if (!$util.isObject(object.chunk))
                        throw $TypeError(".chrysalis.v1.StreamFrame.chunk: object expected");
                    message.chunk = $root.chrysalis.v1.SealedChunk.fromObject(object.chunk, _depth + 1);
                }
                if (object.receipt != null) {
                    if (!$util.isObject(object.receipt))
                        throw $TypeError(".chrysalis.v1.StreamFrame.receipt: object expected");
                    message.receipt = $root.chrysalis.v1.ReceiptMsg.fromObject(object.receipt, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".chrysalis.v1.StreamFrame.error: object expected");
                    message.error = $root.chrysalis.v1.Error.fromObject(object.error, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a StreamFrame message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {chrysalis.v1.StreamFrame} message StreamFrame
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StreamFrame.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (message.accepted != null && $Object.hasOwnProperty.call(message, "accepted")) {
                    object.accepted = $root.chrysalis.v1.StreamAccepted.toObject(message.accepted, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "accepted";
                }
                if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk")) {
                    object.chunk = $root.chrysalis.v1.SealedChunk.toObject(message.chunk, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "chunk";
                }
                if (message.receipt != null && $Object.hasOwnProperty.call(message, "receipt")) {
                    object.receipt = $root.chrysalis.v1.ReceiptMsg.toObject(message.receipt, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "receipt";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.chrysalis.v1.Error.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.msg = "error";
                }
                return object;
            };

            /**
             * Converts this StreamFrame to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.StreamFrame
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StreamFrame.prototype.toJSON = function() {
                return StreamFrame.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StreamFrame
             * @function getTypeUrl
             * @memberof chrysalis.v1.StreamFrame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StreamFrame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.StreamFrame";
            };

            return StreamFrame;
        })();

        v1.Voucher = (function() {

            /**
             * Properties of a Voucher.
             * @typedef {Object} chrysalis.v1.Voucher.$Properties
             * @property {string|null} [channel] Voucher channel
             * @property {number|null} [cumulativeNano] Voucher cumulativeNano
             * @property {Uint8Array|null} [voucher] Voucher voucher
             * @property {Uint8Array|null} [signature] Voucher signature
             * @property {Uint8Array|null} [clientKey] Voucher clientKey
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Voucher.
             * @memberof chrysalis.v1
             * @interface IVoucher
             * @augments chrysalis.v1.Voucher.$Properties
             * @deprecated Use chrysalis.v1.Voucher.$Properties instead.
             */

            /**
             * Shape of a Voucher.
             * @typedef {chrysalis.v1.Voucher.$Properties} chrysalis.v1.Voucher.$Shape
             */

            /**
             * Constructs a new Voucher.
             * @memberof chrysalis.v1
             * @classdesc Represents a Voucher.
             * @constructor
             * @param {chrysalis.v1.Voucher.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            var Voucher = function (properties) {
                if (properties)
                    for (var keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Voucher channel.
             * @member {string} channel
             * @memberof chrysalis.v1.Voucher
             * @instance
             */
            Voucher.prototype.channel = "";

            /**
             * Voucher cumulativeNano.
             * @member {number} cumulativeNano
             * @memberof chrysalis.v1.Voucher
             * @instance
             */
            Voucher.prototype.cumulativeNano = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Voucher voucher.
             * @member {Uint8Array} voucher
             * @memberof chrysalis.v1.Voucher
             * @instance
             */
            Voucher.prototype.voucher = $util.newBuffer([]);

            /**
             * Voucher signature.
             * @member {Uint8Array} signature
             * @memberof chrysalis.v1.Voucher
             * @instance
             */
            Voucher.prototype.signature = $util.newBuffer([]);

            /**
             * Voucher clientKey.
             * @member {Uint8Array} clientKey
             * @memberof chrysalis.v1.Voucher
             * @instance
             */
            Voucher.prototype.clientKey = $util.newBuffer([]);

            /**
             * Creates a new Voucher instance using the specified properties.
             * @function create
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {chrysalis.v1.Voucher.$Properties=} [properties] Properties to set
             * @returns {chrysalis.v1.Voucher} Voucher instance
             * @type {{
             *   (properties: chrysalis.v1.Voucher.$Shape): chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape;
             *   (properties?: chrysalis.v1.Voucher.$Properties): chrysalis.v1.Voucher;
             * }}
             */
            Voucher.create = function(properties) {
                return new Voucher(properties);
            };

            /**
             * Encodes the specified Voucher message. Does not implicitly {@link chrysalis.v1.Voucher.verify|verify} messages.
             * @function encode
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {chrysalis.v1.Voucher.$Properties} message Voucher message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Voucher.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.channel);
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano") && (typeof message.cumulativeNano === "object" ? message.cumulativeNano.low || message.cumulativeNano.high : message.cumulativeNano !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.cumulativeNano);
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher") && message.voucher.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.voucher);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.signature);
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey") && message.clientKey.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.clientKey);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (var i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Voucher message, length delimited. Does not implicitly {@link chrysalis.v1.Voucher.verify|verify} messages.
             * @function encodeDelimited
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {chrysalis.v1.Voucher.$Properties} message Voucher message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Voucher.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Voucher message from the specified reader or buffer.
             * @function decode
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape} Voucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Voucher.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.chrysalis.v1.Voucher();
                while (reader.pos < end) {
                    var start = reader.pos;
                    var tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    var wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.channel = value;
                            else
                                delete message.channel;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.cumulativeNano = value;
                            else
                                delete message.cumulativeNano;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.voucher = value;
                            else
                                delete message.voucher;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.clientKey = value;
                            else
                                delete message.clientKey;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Voucher message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape} Voucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Voucher.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Voucher message.
             * @function verify
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Voucher.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    if (!$util.isString(message.channel))
                        return "channel: string expected";
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano"))
                    if (!$util.isInteger(message.cumulativeNano) && !(message.cumulativeNano && $util.isInteger(message.cumulativeNano.low) && $util.isInteger(message.cumulativeNano.high)))
                        return "cumulativeNano: integer|Long expected";
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    if (!(message.voucher && typeof message.voucher.length === "number" || $util.isString(message.voucher)))
                        return "voucher: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey"))
                    if (!(message.clientKey && typeof message.clientKey.length === "number" || $util.isString(message.clientKey)))
                        return "clientKey: buffer expected";
                return null;
            };

            /**
             * Creates a Voucher message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {chrysalis.v1.Voucher} Voucher
             */
            Voucher.fromObject = function (object, _depth) {
                if (object instanceof $root.chrysalis.v1.Voucher)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".chrysalis.v1.Voucher: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var message = new $root.chrysalis.v1.Voucher();
                if (object.channel != null)
                    if (typeof object.channel !== "string" || object.channel.length)
                        message.channel = $String(object.channel);
                if (object.cumulativeNano != null)
                    if (typeof object.cumulativeNano === "object" ? object.cumulativeNano.low || object.cumulativeNano.high : $Number(object.cumulativeNano) !== 0)
                        if ($util.Long)
                            message.cumulativeNano = $util.Long.fromValue(object.cumulativeNano, true);
                        else if (typeof object.cumulativeNano === "string")
                            message.cumulativeNano = $parseInt(object.cumulativeNano, 10);
                        else if (typeof object.cumulativeNano === "number")
                            message.cumulativeNano = object.cumulativeNano;
                        else if (typeof object.cumulativeNano === "object")
                            message.cumulativeNano = new $util.LongBits(object.cumulativeNano.low >>> 0, object.cumulativeNano.high >>> 0).toNumber(true);
                if (object.voucher != null)
                    if (object.voucher.length)
                        if (typeof object.voucher === "string")
                            $util.base64.decode(object.voucher, message.voucher = $util.newBuffer($util.base64.length(object.voucher)), 0);
                        else if (object.voucher.length >= 0)
                            message.voucher = object.voucher;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                if (object.clientKey != null)
                    if (object.clientKey.length)
                        if (typeof object.clientKey === "string")
                            $util.base64.decode(object.clientKey, message.clientKey = $util.newBuffer($util.base64.length(object.clientKey)), 0);
                        else if (object.clientKey.length >= 0)
                            message.clientKey = object.clientKey;
                return message;
            };

            /**
             * Creates a plain object from a Voucher message. Also converts values to other types if specified.
             * @function toObject
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {chrysalis.v1.Voucher} message Voucher
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Voucher.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var object = {};
                if (options.defaults) {
                    object.channel = "";
                    if ($util.Long) {
                        var long = new $util.Long(0, 0, true);
                        object.cumulativeNano = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.cumulativeNano = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.voucher = "";
                    else {
                        object.voucher = [];
                        if (options.bytes !== $Array)
                            object.voucher = $util.newBuffer(object.voucher);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                    if (options.bytes === $String)
                        object.clientKey = "";
                    else {
                        object.clientKey = [];
                        if (options.bytes !== $Array)
                            object.clientKey = $util.newBuffer(object.clientKey);
                    }
                }
                if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                    object.channel = message.channel;
                if (message.cumulativeNano != null && $Object.hasOwnProperty.call(message, "cumulativeNano"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.cumulativeNano = typeof message.cumulativeNano === "number" ? $BigInt(message.cumulativeNano) : $util.Long.fromBits(message.cumulativeNano.low >>> 0, message.cumulativeNano.high >>> 0, true).toBigInt();
                    else if (typeof message.cumulativeNano === "number")
                        object.cumulativeNano = options.longs === $String ? $String(message.cumulativeNano) : message.cumulativeNano;
                    else
                        object.cumulativeNano = options.longs === $String ? $util.Long.prototype.toString.call(message.cumulativeNano) : options.longs === $Number ? new $util.LongBits(message.cumulativeNano.low >>> 0, message.cumulativeNano.high >>> 0).toNumber(true) : message.cumulativeNano;
                if (message.voucher != null && $Object.hasOwnProperty.call(message, "voucher"))
                    object.voucher = options.bytes === $String ? $util.base64.encode(message.voucher, 0, message.voucher.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.voucher) : message.voucher;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                if (message.clientKey != null && $Object.hasOwnProperty.call(message, "clientKey"))
                    object.clientKey = options.bytes === $String ? $util.base64.encode(message.clientKey, 0, message.clientKey.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.clientKey) : message.clientKey;
                return object;
            };

            /**
             * Converts this Voucher to JSON.
             * @function toJSON
             * @memberof chrysalis.v1.Voucher
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Voucher.prototype.toJSON = function() {
                return Voucher.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Voucher
             * @function getTypeUrl
             * @memberof chrysalis.v1.Voucher
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Voucher.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/chrysalis.v1.Voucher";
            };

            return Voucher;
        })();

        return v1;
    })();

    return chrysalis;
})();

module.exports = $root;
