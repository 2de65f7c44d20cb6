import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace chrysalis. */
export namespace chrysalis {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a WorkerClaims.
         * @deprecated Use chrysalis.v1.WorkerClaims.$Properties instead.
         */
        interface IWorkerClaims extends chrysalis.v1.WorkerClaims.$Properties {
        }

        /** Represents a WorkerClaims. */
        class WorkerClaims {

            /**
             * Constructs a new WorkerClaims.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.WorkerClaims.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkerClaims version. */
            version: number;

            /** WorkerClaims hpkePublicKey. */
            hpkePublicKey: Uint8Array;

            /** WorkerClaims signingPublicKey. */
            signingPublicKey: Uint8Array;

            /** WorkerClaims imageId. */
            imageId: Uint8Array;

            /** WorkerClaims platformId. */
            platformId: Uint8Array;

            /** WorkerClaims modelId. */
            modelId: Uint8Array;

            /** WorkerClaims gpuEvidenceDigest. */
            gpuEvidenceDigest: Uint8Array;

            /** WorkerClaims gpuCount. */
            gpuCount: number;

            /** WorkerClaims brokerChallenge. */
            brokerChallenge: Uint8Array;

            /** WorkerClaims issuedAt. */
            issuedAt: number;

            /** WorkerClaims workerVersion. */
            workerVersion: string;

            /** WorkerClaims configDigest. */
            configDigest: Uint8Array;

            /** WorkerClaims promptPriceNano. */
            promptPriceNano: number;

            /** WorkerClaims completionPriceNano. */
            completionPriceNano: number;

            /**
             * Creates a new WorkerClaims instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkerClaims instance
             */
            static create(properties: chrysalis.v1.WorkerClaims.$Shape): chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape;
            static create(properties?: chrysalis.v1.WorkerClaims.$Properties): chrysalis.v1.WorkerClaims;

            /**
             * Encodes the specified WorkerClaims message. Does not implicitly {@link chrysalis.v1.WorkerClaims.verify|verify} messages.
             * @param message WorkerClaims message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.WorkerClaims.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WorkerClaims message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerClaims.verify|verify} messages.
             * @param message WorkerClaims message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.WorkerClaims.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkerClaims message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape} WorkerClaims
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape;

            /**
             * Decodes a WorkerClaims message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape} WorkerClaims
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.WorkerClaims & chrysalis.v1.WorkerClaims.$Shape;

            /**
             * Verifies a WorkerClaims message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkerClaims message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkerClaims
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.WorkerClaims;

            /**
             * Creates a plain object from a WorkerClaims message. Also converts values to other types if specified.
             * @param message WorkerClaims
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.WorkerClaims, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkerClaims to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkerClaims
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkerClaims {

            /** Properties of a WorkerClaims. */
            interface $Properties {

                /** WorkerClaims version */
                version?: (number|null);

                /** WorkerClaims hpkePublicKey */
                hpkePublicKey?: (Uint8Array|null);

                /** WorkerClaims signingPublicKey */
                signingPublicKey?: (Uint8Array|null);

                /** WorkerClaims imageId */
                imageId?: (Uint8Array|null);

                /** WorkerClaims platformId */
                platformId?: (Uint8Array|null);

                /** WorkerClaims modelId */
                modelId?: (Uint8Array|null);

                /** WorkerClaims gpuEvidenceDigest */
                gpuEvidenceDigest?: (Uint8Array|null);

                /** WorkerClaims gpuCount */
                gpuCount?: (number|null);

                /** WorkerClaims brokerChallenge */
                brokerChallenge?: (Uint8Array|null);

                /** WorkerClaims issuedAt */
                issuedAt?: (number|null);

                /** WorkerClaims workerVersion */
                workerVersion?: (string|null);

                /** WorkerClaims configDigest */
                configDigest?: (Uint8Array|null);

                /** WorkerClaims promptPriceNano */
                promptPriceNano?: (number|null);

                /** WorkerClaims completionPriceNano */
                completionPriceNano?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WorkerClaims. */
            type $Shape = chrysalis.v1.WorkerClaims.$Properties;
        }

        /**
         * Properties of a GpuEvidence.
         * @deprecated Use chrysalis.v1.GpuEvidence.$Properties instead.
         */
        interface IGpuEvidence extends chrysalis.v1.GpuEvidence.$Properties {
        }

        /** Represents a GpuEvidence. */
        class GpuEvidence {

            /**
             * Constructs a new GpuEvidence.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.GpuEvidence.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** GpuEvidence index. */
            index: number;

            /** GpuEvidence report. */
            report: Uint8Array;

            /** GpuEvidence certChain. */
            certChain: Uint8Array[];

            /** GpuEvidence driverRim. */
            driverRim: string;

            /** GpuEvidence vbiosRim. */
            vbiosRim: string;

            /** GpuEvidence ocsp. */
            ocsp: Uint8Array[];

            /**
             * Creates a new GpuEvidence instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GpuEvidence instance
             */
            static create(properties: chrysalis.v1.GpuEvidence.$Shape): chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape;
            static create(properties?: chrysalis.v1.GpuEvidence.$Properties): chrysalis.v1.GpuEvidence;

            /**
             * Encodes the specified GpuEvidence message. Does not implicitly {@link chrysalis.v1.GpuEvidence.verify|verify} messages.
             * @param message GpuEvidence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.GpuEvidence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified GpuEvidence message, length delimited. Does not implicitly {@link chrysalis.v1.GpuEvidence.verify|verify} messages.
             * @param message GpuEvidence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.GpuEvidence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GpuEvidence message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape} GpuEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape;

            /**
             * Decodes a GpuEvidence message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape} GpuEvidence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.GpuEvidence & chrysalis.v1.GpuEvidence.$Shape;

            /**
             * Verifies a GpuEvidence message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a GpuEvidence message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns GpuEvidence
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.GpuEvidence;

            /**
             * Creates a plain object from a GpuEvidence message. Also converts values to other types if specified.
             * @param message GpuEvidence
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.GpuEvidence, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this GpuEvidence to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for GpuEvidence
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace GpuEvidence {

            /** Properties of a GpuEvidence. */
            interface $Properties {

                /** GpuEvidence index */
                index?: (number|null);

                /** GpuEvidence report */
                report?: (Uint8Array|null);

                /** GpuEvidence certChain */
                certChain?: (Uint8Array[]|null);

                /** GpuEvidence driverRim */
                driverRim?: (string|null);

                /** GpuEvidence vbiosRim */
                vbiosRim?: (string|null);

                /** GpuEvidence ocsp */
                ocsp?: (Uint8Array[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GpuEvidence. */
            type $Shape = chrysalis.v1.GpuEvidence.$Properties;
        }

        /**
         * Properties of a RuntimeEventRecord.
         * @deprecated Use chrysalis.v1.RuntimeEventRecord.$Properties instead.
         */
        interface IRuntimeEventRecord extends chrysalis.v1.RuntimeEventRecord.$Properties {
        }

        /** Represents a RuntimeEventRecord. */
        class RuntimeEventRecord {

            /**
             * Constructs a new RuntimeEventRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.RuntimeEventRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RuntimeEventRecord version. */
            version: number;

            /** RuntimeEventRecord name. */
            name: string;

            /** RuntimeEventRecord payload. */
            payload: Uint8Array;

            /** RuntimeEventRecord instanceSpecific. */
            instanceSpecific: boolean;

            /**
             * Creates a new RuntimeEventRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RuntimeEventRecord instance
             */
            static create(properties: chrysalis.v1.RuntimeEventRecord.$Shape): chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape;
            static create(properties?: chrysalis.v1.RuntimeEventRecord.$Properties): chrysalis.v1.RuntimeEventRecord;

            /**
             * Encodes the specified RuntimeEventRecord message. Does not implicitly {@link chrysalis.v1.RuntimeEventRecord.verify|verify} messages.
             * @param message RuntimeEventRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.RuntimeEventRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified RuntimeEventRecord message, length delimited. Does not implicitly {@link chrysalis.v1.RuntimeEventRecord.verify|verify} messages.
             * @param message RuntimeEventRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.RuntimeEventRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RuntimeEventRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape} RuntimeEventRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape;

            /**
             * Decodes a RuntimeEventRecord message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape} RuntimeEventRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.RuntimeEventRecord & chrysalis.v1.RuntimeEventRecord.$Shape;

            /**
             * Verifies a RuntimeEventRecord message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RuntimeEventRecord message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RuntimeEventRecord
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.RuntimeEventRecord;

            /**
             * Creates a plain object from a RuntimeEventRecord message. Also converts values to other types if specified.
             * @param message RuntimeEventRecord
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.RuntimeEventRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RuntimeEventRecord to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RuntimeEventRecord
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RuntimeEventRecord {

            /** Properties of a RuntimeEventRecord. */
            interface $Properties {

                /** RuntimeEventRecord version */
                version?: (number|null);

                /** RuntimeEventRecord name */
                name?: (string|null);

                /** RuntimeEventRecord payload */
                payload?: (Uint8Array|null);

                /** RuntimeEventRecord instanceSpecific */
                instanceSpecific?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RuntimeEventRecord. */
            type $Shape = chrysalis.v1.RuntimeEventRecord.$Properties;
        }

        /**
         * Properties of an EvidenceBundle.
         * @deprecated Use chrysalis.v1.EvidenceBundle.$Properties instead.
         */
        interface IEvidenceBundle extends chrysalis.v1.EvidenceBundle.$Properties {
        }

        /** Represents an EvidenceBundle. */
        class EvidenceBundle {

            /**
             * Constructs a new EvidenceBundle.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.EvidenceBundle.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EvidenceBundle version. */
            version: number;

            /** EvidenceBundle claims. */
            claims: Uint8Array;

            /** EvidenceBundle tdxQuote. */
            tdxQuote: Uint8Array;

            /** EvidenceBundle gpus. */
            gpus: chrysalis.v1.GpuEvidence.$Properties[];

            /** EvidenceBundle tdxCollateralJson. */
            tdxCollateralJson: string;

            /** EvidenceBundle runtimeEvents. */
            runtimeEvents: chrysalis.v1.RuntimeEventRecord.$Properties[];

            /** EvidenceBundle firmwareEventLog. */
            firmwareEventLog: Uint8Array;

            /**
             * Creates a new EvidenceBundle instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EvidenceBundle instance
             */
            static create(properties: chrysalis.v1.EvidenceBundle.$Shape): chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape;
            static create(properties?: chrysalis.v1.EvidenceBundle.$Properties): chrysalis.v1.EvidenceBundle;

            /**
             * Encodes the specified EvidenceBundle message. Does not implicitly {@link chrysalis.v1.EvidenceBundle.verify|verify} messages.
             * @param message EvidenceBundle message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.EvidenceBundle.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified EvidenceBundle message, length delimited. Does not implicitly {@link chrysalis.v1.EvidenceBundle.verify|verify} messages.
             * @param message EvidenceBundle message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.EvidenceBundle.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EvidenceBundle message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape} EvidenceBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape;

            /**
             * Decodes an EvidenceBundle message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape} EvidenceBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.EvidenceBundle & chrysalis.v1.EvidenceBundle.$Shape;

            /**
             * Verifies an EvidenceBundle message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an EvidenceBundle message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EvidenceBundle
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.EvidenceBundle;

            /**
             * Creates a plain object from an EvidenceBundle message. Also converts values to other types if specified.
             * @param message EvidenceBundle
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.EvidenceBundle, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EvidenceBundle to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EvidenceBundle
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvidenceBundle {

            /** Properties of an EvidenceBundle. */
            interface $Properties {

                /** EvidenceBundle version */
                version?: (number|null);

                /** EvidenceBundle claims */
                claims?: (Uint8Array|null);

                /** EvidenceBundle tdxQuote */
                tdxQuote?: (Uint8Array|null);

                /** EvidenceBundle gpus */
                gpus?: (chrysalis.v1.GpuEvidence.$Properties[]|null);

                /** EvidenceBundle tdxCollateralJson */
                tdxCollateralJson?: (string|null);

                /** EvidenceBundle runtimeEvents */
                runtimeEvents?: (chrysalis.v1.RuntimeEventRecord.$Properties[]|null);

                /** EvidenceBundle firmwareEventLog */
                firmwareEventLog?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EvidenceBundle. */
            type $Shape = chrysalis.v1.EvidenceBundle.$Properties;
        }

        /**
         * Properties of a Hello.
         * @deprecated Use chrysalis.v1.Hello.$Properties instead.
         */
        interface IHello extends chrysalis.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello protocolVersion. */
            protocolVersion: number;

            /** Hello supportedVersions. */
            supportedVersions: number[];

            /** Hello workerVersion. */
            workerVersion: string;

            /** Hello maxConcurrency. */
            maxConcurrency: number;

            /** Hello workerName. */
            workerName: string;

            /** Hello payoutAddress. */
            payoutAddress: string;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: chrysalis.v1.Hello.$Shape): chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape;
            static create(properties?: chrysalis.v1.Hello.$Properties): chrysalis.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link chrysalis.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link chrysalis.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape;

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Hello & chrysalis.v1.Hello.$Shape;

            /**
             * Verifies a Hello message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Hello
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Hello;

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @param message Hello
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Hello to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Hello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello protocolVersion */
                protocolVersion?: (number|null);

                /** Hello supportedVersions */
                supportedVersions?: (number[]|null);

                /** Hello workerVersion */
                workerVersion?: (string|null);

                /** Hello maxConcurrency */
                maxConcurrency?: (number|null);

                /** Hello workerName */
                workerName?: (string|null);

                /** Hello payoutAddress */
                payoutAddress?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = chrysalis.v1.Hello.$Properties;
        }

        /**
         * Properties of a BundleSubmit.
         * @deprecated Use chrysalis.v1.BundleSubmit.$Properties instead.
         */
        interface IBundleSubmit extends chrysalis.v1.BundleSubmit.$Properties {
        }

        /** Represents a BundleSubmit. */
        class BundleSubmit {

            /**
             * Constructs a new BundleSubmit.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.BundleSubmit.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BundleSubmit challenge. */
            challenge: Uint8Array;

            /** BundleSubmit bundle. */
            bundle: Uint8Array;

            /**
             * Creates a new BundleSubmit instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BundleSubmit instance
             */
            static create(properties: chrysalis.v1.BundleSubmit.$Shape): chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape;
            static create(properties?: chrysalis.v1.BundleSubmit.$Properties): chrysalis.v1.BundleSubmit;

            /**
             * Encodes the specified BundleSubmit message. Does not implicitly {@link chrysalis.v1.BundleSubmit.verify|verify} messages.
             * @param message BundleSubmit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.BundleSubmit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified BundleSubmit message, length delimited. Does not implicitly {@link chrysalis.v1.BundleSubmit.verify|verify} messages.
             * @param message BundleSubmit message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.BundleSubmit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BundleSubmit message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape} BundleSubmit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape;

            /**
             * Decodes a BundleSubmit message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape} BundleSubmit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.BundleSubmit & chrysalis.v1.BundleSubmit.$Shape;

            /**
             * Verifies a BundleSubmit message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a BundleSubmit message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BundleSubmit
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.BundleSubmit;

            /**
             * Creates a plain object from a BundleSubmit message. Also converts values to other types if specified.
             * @param message BundleSubmit
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.BundleSubmit, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BundleSubmit to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for BundleSubmit
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BundleSubmit {

            /** Properties of a BundleSubmit. */
            interface $Properties {

                /** BundleSubmit challenge */
                challenge?: (Uint8Array|null);

                /** BundleSubmit bundle */
                bundle?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BundleSubmit. */
            type $Shape = chrysalis.v1.BundleSubmit.$Properties;
        }

        /**
         * Properties of a SealedChunk.
         * @deprecated Use chrysalis.v1.SealedChunk.$Properties instead.
         */
        interface ISealedChunk extends chrysalis.v1.SealedChunk.$Properties {
        }

        /** Represents a SealedChunk. */
        class SealedChunk {

            /**
             * Constructs a new SealedChunk.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.SealedChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SealedChunk requestId. */
            requestId: string;

            /** SealedChunk frame. */
            frame: Uint8Array;

            /**
             * Creates a new SealedChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SealedChunk instance
             */
            static create(properties: chrysalis.v1.SealedChunk.$Shape): chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape;
            static create(properties?: chrysalis.v1.SealedChunk.$Properties): chrysalis.v1.SealedChunk;

            /**
             * Encodes the specified SealedChunk message. Does not implicitly {@link chrysalis.v1.SealedChunk.verify|verify} messages.
             * @param message SealedChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.SealedChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SealedChunk message, length delimited. Does not implicitly {@link chrysalis.v1.SealedChunk.verify|verify} messages.
             * @param message SealedChunk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.SealedChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SealedChunk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape} SealedChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape;

            /**
             * Decodes a SealedChunk message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape} SealedChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.SealedChunk & chrysalis.v1.SealedChunk.$Shape;

            /**
             * Verifies a SealedChunk message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SealedChunk message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SealedChunk
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.SealedChunk;

            /**
             * Creates a plain object from a SealedChunk message. Also converts values to other types if specified.
             * @param message SealedChunk
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.SealedChunk, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SealedChunk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SealedChunk
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SealedChunk {

            /** Properties of a SealedChunk. */
            interface $Properties {

                /** SealedChunk requestId */
                requestId?: (string|null);

                /** SealedChunk frame */
                frame?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SealedChunk. */
            type $Shape = chrysalis.v1.SealedChunk.$Properties;
        }

        /**
         * Properties of a ReceiptMsg.
         * @deprecated Use chrysalis.v1.ReceiptMsg.$Properties instead.
         */
        interface IReceiptMsg extends chrysalis.v1.ReceiptMsg.$Properties {
        }

        /** Represents a ReceiptMsg. */
        class ReceiptMsg {

            /**
             * Constructs a new ReceiptMsg.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.ReceiptMsg.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ReceiptMsg requestId. */
            requestId: string;

            /** ReceiptMsg receipt. */
            receipt: Uint8Array;

            /** ReceiptMsg signature. */
            signature: Uint8Array;

            /**
             * Creates a new ReceiptMsg instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ReceiptMsg instance
             */
            static create(properties: chrysalis.v1.ReceiptMsg.$Shape): chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape;
            static create(properties?: chrysalis.v1.ReceiptMsg.$Properties): chrysalis.v1.ReceiptMsg;

            /**
             * Encodes the specified ReceiptMsg message. Does not implicitly {@link chrysalis.v1.ReceiptMsg.verify|verify} messages.
             * @param message ReceiptMsg message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.ReceiptMsg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ReceiptMsg message, length delimited. Does not implicitly {@link chrysalis.v1.ReceiptMsg.verify|verify} messages.
             * @param message ReceiptMsg message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.ReceiptMsg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ReceiptMsg message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape} ReceiptMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape;

            /**
             * Decodes a ReceiptMsg message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape} ReceiptMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.ReceiptMsg & chrysalis.v1.ReceiptMsg.$Shape;

            /**
             * Verifies a ReceiptMsg message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ReceiptMsg message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ReceiptMsg
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.ReceiptMsg;

            /**
             * Creates a plain object from a ReceiptMsg message. Also converts values to other types if specified.
             * @param message ReceiptMsg
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.ReceiptMsg, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ReceiptMsg to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ReceiptMsg
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReceiptMsg {

            /** Properties of a ReceiptMsg. */
            interface $Properties {

                /** ReceiptMsg requestId */
                requestId?: (string|null);

                /** ReceiptMsg receipt */
                receipt?: (Uint8Array|null);

                /** ReceiptMsg signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ReceiptMsg. */
            type $Shape = chrysalis.v1.ReceiptMsg.$Properties;
        }

        /**
         * Properties of a RequestFailed.
         * @deprecated Use chrysalis.v1.RequestFailed.$Properties instead.
         */
        interface IRequestFailed extends chrysalis.v1.RequestFailed.$Properties {
        }

        /** Represents a RequestFailed. */
        class RequestFailed {

            /**
             * Constructs a new RequestFailed.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.RequestFailed.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RequestFailed requestId. */
            requestId: string;

            /** RequestFailed code. */
            code: string;

            /** RequestFailed message. */
            message: string;

            /**
             * Creates a new RequestFailed instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RequestFailed instance
             */
            static create(properties: chrysalis.v1.RequestFailed.$Shape): chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape;
            static create(properties?: chrysalis.v1.RequestFailed.$Properties): chrysalis.v1.RequestFailed;

            /**
             * Encodes the specified RequestFailed message. Does not implicitly {@link chrysalis.v1.RequestFailed.verify|verify} messages.
             * @param message RequestFailed message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.RequestFailed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified RequestFailed message, length delimited. Does not implicitly {@link chrysalis.v1.RequestFailed.verify|verify} messages.
             * @param message RequestFailed message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.RequestFailed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RequestFailed message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape} RequestFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape;

            /**
             * Decodes a RequestFailed message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape} RequestFailed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.RequestFailed & chrysalis.v1.RequestFailed.$Shape;

            /**
             * Verifies a RequestFailed message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RequestFailed message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RequestFailed
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.RequestFailed;

            /**
             * Creates a plain object from a RequestFailed message. Also converts values to other types if specified.
             * @param message RequestFailed
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.RequestFailed, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RequestFailed to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RequestFailed
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RequestFailed {

            /** Properties of a RequestFailed. */
            interface $Properties {

                /** RequestFailed requestId */
                requestId?: (string|null);

                /** RequestFailed code */
                code?: (string|null);

                /** RequestFailed message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RequestFailed. */
            type $Shape = chrysalis.v1.RequestFailed.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use chrysalis.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends chrysalis.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat seq. */
            seq: number;

            /** Heartbeat sentAtMs. */
            sentAtMs: number;

            /** Heartbeat inFlight. */
            inFlight: number;

            /** Heartbeat reply. */
            reply: boolean;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: chrysalis.v1.Heartbeat.$Shape): chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape;
            static create(properties?: chrysalis.v1.Heartbeat.$Properties): chrysalis.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link chrysalis.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link chrysalis.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Heartbeat & chrysalis.v1.Heartbeat.$Shape;

            /**
             * Verifies a Heartbeat message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Heartbeat
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Heartbeat;

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @param message Heartbeat
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Heartbeat to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Heartbeat
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat seq */
                seq?: (number|null);

                /** Heartbeat sentAtMs */
                sentAtMs?: (number|null);

                /** Heartbeat inFlight */
                inFlight?: (number|null);

                /** Heartbeat reply */
                reply?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = chrysalis.v1.Heartbeat.$Properties;
        }

        /**
         * Properties of a Drain.
         * @deprecated Use chrysalis.v1.Drain.$Properties instead.
         */
        interface IDrain extends chrysalis.v1.Drain.$Properties {
        }

        /** Represents a Drain. */
        class Drain {

            /**
             * Constructs a new Drain.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Drain.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Drain reason. */
            reason: string;

            /** Drain deadlineMs. */
            deadlineMs: number;

            /**
             * Creates a new Drain instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Drain instance
             */
            static create(properties: chrysalis.v1.Drain.$Shape): chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape;
            static create(properties?: chrysalis.v1.Drain.$Properties): chrysalis.v1.Drain;

            /**
             * Encodes the specified Drain message. Does not implicitly {@link chrysalis.v1.Drain.verify|verify} messages.
             * @param message Drain message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Drain.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Drain message, length delimited. Does not implicitly {@link chrysalis.v1.Drain.verify|verify} messages.
             * @param message Drain message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Drain.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Drain message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape} Drain
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape;

            /**
             * Decodes a Drain message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape} Drain
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Drain & chrysalis.v1.Drain.$Shape;

            /**
             * Verifies a Drain message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Drain message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Drain
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Drain;

            /**
             * Creates a plain object from a Drain message. Also converts values to other types if specified.
             * @param message Drain
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Drain, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Drain to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Drain
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Drain {

            /** Properties of a Drain. */
            interface $Properties {

                /** Drain reason */
                reason?: (string|null);

                /** Drain deadlineMs */
                deadlineMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Drain. */
            type $Shape = chrysalis.v1.Drain.$Properties;
        }

        /**
         * Properties of an Error.
         * @deprecated Use chrysalis.v1.Error.$Properties instead.
         */
        interface IError extends chrysalis.v1.Error.$Properties {
        }

        /** Represents an Error. */
        class Error {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Error.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Error code. */
            code: string;

            /** Error message. */
            message: string;

            /** Error fatal. */
            fatal: boolean;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            static create(properties: chrysalis.v1.Error.$Shape): chrysalis.v1.Error & chrysalis.v1.Error.$Shape;
            static create(properties?: chrysalis.v1.Error.$Properties): chrysalis.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link chrysalis.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Error message, length delimited. Does not implicitly {@link chrysalis.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Error & chrysalis.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Error & chrysalis.v1.Error.$Shape;

            /**
             * Decodes an Error message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Error & chrysalis.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Error & chrysalis.v1.Error.$Shape;

            /**
             * Verifies an Error message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Error
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Error;

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @param message Error
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Error to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Error
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {

            /** Properties of an Error. */
            interface $Properties {

                /** Error code */
                code?: (string|null);

                /** Error message */
                message?: (string|null);

                /** Error fatal */
                fatal?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Error. */
            type $Shape = chrysalis.v1.Error.$Properties;
        }

        /**
         * Properties of a ChallengeRequest.
         * @deprecated Use chrysalis.v1.ChallengeRequest.$Properties instead.
         */
        interface IChallengeRequest extends chrysalis.v1.ChallengeRequest.$Properties {
        }

        /** Represents a ChallengeRequest. */
        class ChallengeRequest {

            /**
             * Constructs a new ChallengeRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.ChallengeRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ChallengeRequest reason. */
            reason: string;

            /**
             * Creates a new ChallengeRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ChallengeRequest instance
             */
            static create(properties: chrysalis.v1.ChallengeRequest.$Shape): chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape;
            static create(properties?: chrysalis.v1.ChallengeRequest.$Properties): chrysalis.v1.ChallengeRequest;

            /**
             * Encodes the specified ChallengeRequest message. Does not implicitly {@link chrysalis.v1.ChallengeRequest.verify|verify} messages.
             * @param message ChallengeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.ChallengeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified ChallengeRequest message, length delimited. Does not implicitly {@link chrysalis.v1.ChallengeRequest.verify|verify} messages.
             * @param message ChallengeRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.ChallengeRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ChallengeRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape} ChallengeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape;

            /**
             * Decodes a ChallengeRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape} ChallengeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.ChallengeRequest & chrysalis.v1.ChallengeRequest.$Shape;

            /**
             * Verifies a ChallengeRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ChallengeRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ChallengeRequest
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.ChallengeRequest;

            /**
             * Creates a plain object from a ChallengeRequest message. Also converts values to other types if specified.
             * @param message ChallengeRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.ChallengeRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ChallengeRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ChallengeRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ChallengeRequest {

            /** Properties of a ChallengeRequest. */
            interface $Properties {

                /** ChallengeRequest reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ChallengeRequest. */
            type $Shape = chrysalis.v1.ChallengeRequest.$Properties;
        }

        /**
         * Properties of a WorkerFrame.
         * @deprecated Use chrysalis.v1.WorkerFrame.$Properties instead.
         */
        interface IWorkerFrame extends chrysalis.v1.WorkerFrame.$Properties {
        }

        /** Represents a WorkerFrame. */
        class WorkerFrame {

            /**
             * Constructs a new WorkerFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.WorkerFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkerFrame hello. */
            hello?: (chrysalis.v1.Hello.$Properties|null);

            /** WorkerFrame bundle. */
            bundle?: (chrysalis.v1.BundleSubmit.$Properties|null);

            /** WorkerFrame chunk. */
            chunk?: (chrysalis.v1.SealedChunk.$Properties|null);

            /** WorkerFrame receipt. */
            receipt?: (chrysalis.v1.ReceiptMsg.$Properties|null);

            /** WorkerFrame failed. */
            failed?: (chrysalis.v1.RequestFailed.$Properties|null);

            /** WorkerFrame heartbeat. */
            heartbeat?: (chrysalis.v1.Heartbeat.$Properties|null);

            /** WorkerFrame drain. */
            drain?: (chrysalis.v1.Drain.$Properties|null);

            /** WorkerFrame error. */
            error?: (chrysalis.v1.Error.$Properties|null);

            /** WorkerFrame challengeRequest. */
            challengeRequest?: (chrysalis.v1.ChallengeRequest.$Properties|null);

            /** WorkerFrame msg. */
            msg?: ("hello"|"bundle"|"chunk"|"receipt"|"failed"|"heartbeat"|"drain"|"error"|"challengeRequest");

            /**
             * Creates a new WorkerFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkerFrame instance
             */
            static create(properties: chrysalis.v1.WorkerFrame.$Shape): chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape;
            static create(properties?: chrysalis.v1.WorkerFrame.$Properties): chrysalis.v1.WorkerFrame;

            /**
             * Encodes the specified WorkerFrame message. Does not implicitly {@link chrysalis.v1.WorkerFrame.verify|verify} messages.
             * @param message WorkerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.WorkerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WorkerFrame message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerFrame.verify|verify} messages.
             * @param message WorkerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.WorkerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkerFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape} WorkerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape;

            /**
             * Decodes a WorkerFrame message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape} WorkerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.WorkerFrame & chrysalis.v1.WorkerFrame.$Shape;

            /**
             * Verifies a WorkerFrame message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkerFrame message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkerFrame
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.WorkerFrame;

            /**
             * Creates a plain object from a WorkerFrame message. Also converts values to other types if specified.
             * @param message WorkerFrame
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.WorkerFrame, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkerFrame to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkerFrame
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkerFrame {

            /** Properties of a WorkerFrame. */
            interface $Properties {

                /** WorkerFrame hello */
                hello?: (chrysalis.v1.Hello.$Properties|null);

                /** WorkerFrame bundle */
                bundle?: (chrysalis.v1.BundleSubmit.$Properties|null);

                /** WorkerFrame chunk */
                chunk?: (chrysalis.v1.SealedChunk.$Properties|null);

                /** WorkerFrame receipt */
                receipt?: (chrysalis.v1.ReceiptMsg.$Properties|null);

                /** WorkerFrame failed */
                failed?: (chrysalis.v1.RequestFailed.$Properties|null);

                /** WorkerFrame heartbeat */
                heartbeat?: (chrysalis.v1.Heartbeat.$Properties|null);

                /** WorkerFrame drain */
                drain?: (chrysalis.v1.Drain.$Properties|null);

                /** WorkerFrame error */
                error?: (chrysalis.v1.Error.$Properties|null);

                /** WorkerFrame challengeRequest */
                challengeRequest?: (chrysalis.v1.ChallengeRequest.$Properties|null);

                /** WorkerFrame msg */
                msg?: ("hello"|"bundle"|"chunk"|"receipt"|"failed"|"heartbeat"|"drain"|"error"|"challengeRequest");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a WorkerFrame. */
            type $Shape = {
              hello?: chrysalis.v1.Hello.$Shape|null;
              bundle?: chrysalis.v1.BundleSubmit.$Shape|null;
              chunk?: chrysalis.v1.SealedChunk.$Shape|null;
              receipt?: chrysalis.v1.ReceiptMsg.$Shape|null;
              failed?: chrysalis.v1.RequestFailed.$Shape|null;
              heartbeat?: chrysalis.v1.Heartbeat.$Shape|null;
              drain?: chrysalis.v1.Drain.$Shape|null;
              error?: chrysalis.v1.Error.$Shape|null;
              challengeRequest?: chrysalis.v1.ChallengeRequest.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "hello"; hello: chrysalis.v1.Hello.$Shape; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "bundle"; hello?: null; bundle: chrysalis.v1.BundleSubmit.$Shape; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "chunk"; hello?: null; bundle?: null; chunk: chrysalis.v1.SealedChunk.$Shape; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "receipt"; hello?: null; bundle?: null; chunk?: null; receipt: chrysalis.v1.ReceiptMsg.$Shape; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "failed"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed: chrysalis.v1.RequestFailed.$Shape; heartbeat?: null; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "heartbeat"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat: chrysalis.v1.Heartbeat.$Shape; drain?: null; error?: null; challengeRequest?: null }|{ msg?: "drain"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain: chrysalis.v1.Drain.$Shape; error?: null; challengeRequest?: null }|{ msg?: "error"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error: chrysalis.v1.Error.$Shape; challengeRequest?: null }|{ msg?: "challengeRequest"; hello?: null; bundle?: null; chunk?: null; receipt?: null; failed?: null; heartbeat?: null; drain?: null; error?: null; challengeRequest: chrysalis.v1.ChallengeRequest.$Shape })
            );
        }

        /**
         * Properties of a Challenge.
         * @deprecated Use chrysalis.v1.Challenge.$Properties instead.
         */
        interface IChallenge extends chrysalis.v1.Challenge.$Properties {
        }

        /** Represents a Challenge. */
        class Challenge {

            /**
             * Constructs a new Challenge.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Challenge.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Challenge protocolVersion. */
            protocolVersion: number;

            /** Challenge challenge. */
            challenge: Uint8Array;

            /** Challenge issuedAtMs. */
            issuedAtMs: number;

            /** Challenge brokerId. */
            brokerId: string;

            /** Challenge expiresAtMs. */
            expiresAtMs: number;

            /**
             * Creates a new Challenge instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Challenge instance
             */
            static create(properties: chrysalis.v1.Challenge.$Shape): chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape;
            static create(properties?: chrysalis.v1.Challenge.$Properties): chrysalis.v1.Challenge;

            /**
             * Encodes the specified Challenge message. Does not implicitly {@link chrysalis.v1.Challenge.verify|verify} messages.
             * @param message Challenge message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Challenge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Challenge message, length delimited. Does not implicitly {@link chrysalis.v1.Challenge.verify|verify} messages.
             * @param message Challenge message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Challenge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Challenge message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape;

            /**
             * Decodes a Challenge message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Challenge & chrysalis.v1.Challenge.$Shape;

            /**
             * Verifies a Challenge message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Challenge message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Challenge
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Challenge;

            /**
             * Creates a plain object from a Challenge message. Also converts values to other types if specified.
             * @param message Challenge
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Challenge, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Challenge to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Challenge
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Challenge {

            /** Properties of a Challenge. */
            interface $Properties {

                /** Challenge protocolVersion */
                protocolVersion?: (number|null);

                /** Challenge challenge */
                challenge?: (Uint8Array|null);

                /** Challenge issuedAtMs */
                issuedAtMs?: (number|null);

                /** Challenge brokerId */
                brokerId?: (string|null);

                /** Challenge expiresAtMs */
                expiresAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Challenge. */
            type $Shape = chrysalis.v1.Challenge.$Properties;
        }

        /**
         * Properties of an AdmissionResult.
         * @deprecated Use chrysalis.v1.AdmissionResult.$Properties instead.
         */
        interface IAdmissionResult extends chrysalis.v1.AdmissionResult.$Properties {
        }

        /** Represents an AdmissionResult. */
        class AdmissionResult {

            /**
             * Constructs a new AdmissionResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.AdmissionResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AdmissionResult ok. */
            ok: boolean;

            /** AdmissionResult code. */
            code: string;

            /** AdmissionResult message. */
            message: string;

            /** AdmissionResult workerId. */
            workerId: string;

            /** AdmissionResult validUntilMs. */
            validUntilMs: number;

            /** AdmissionResult bundleDigest. */
            bundleDigest: Uint8Array;

            /**
             * Creates a new AdmissionResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AdmissionResult instance
             */
            static create(properties: chrysalis.v1.AdmissionResult.$Shape): chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape;
            static create(properties?: chrysalis.v1.AdmissionResult.$Properties): chrysalis.v1.AdmissionResult;

            /**
             * Encodes the specified AdmissionResult message. Does not implicitly {@link chrysalis.v1.AdmissionResult.verify|verify} messages.
             * @param message AdmissionResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.AdmissionResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified AdmissionResult message, length delimited. Does not implicitly {@link chrysalis.v1.AdmissionResult.verify|verify} messages.
             * @param message AdmissionResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.AdmissionResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AdmissionResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape} AdmissionResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape;

            /**
             * Decodes an AdmissionResult message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape} AdmissionResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.AdmissionResult & chrysalis.v1.AdmissionResult.$Shape;

            /**
             * Verifies an AdmissionResult message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an AdmissionResult message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AdmissionResult
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.AdmissionResult;

            /**
             * Creates a plain object from an AdmissionResult message. Also converts values to other types if specified.
             * @param message AdmissionResult
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.AdmissionResult, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AdmissionResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AdmissionResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AdmissionResult {

            /** Properties of an AdmissionResult. */
            interface $Properties {

                /** AdmissionResult ok */
                ok?: (boolean|null);

                /** AdmissionResult code */
                code?: (string|null);

                /** AdmissionResult message */
                message?: (string|null);

                /** AdmissionResult workerId */
                workerId?: (string|null);

                /** AdmissionResult validUntilMs */
                validUntilMs?: (number|null);

                /** AdmissionResult bundleDigest */
                bundleDigest?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AdmissionResult. */
            type $Shape = chrysalis.v1.AdmissionResult.$Properties;
        }

        /**
         * Properties of a SealedRequest.
         * @deprecated Use chrysalis.v1.SealedRequest.$Properties instead.
         */
        interface ISealedRequest extends chrysalis.v1.SealedRequest.$Properties {
        }

        /** Represents a SealedRequest. */
        class SealedRequest {

            /**
             * Constructs a new SealedRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.SealedRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SealedRequest requestId. */
            requestId: string;

            /** SealedRequest sealed. */
            sealed: Uint8Array;

            /** SealedRequest channel. */
            channel: string;

            /** SealedRequest seq. */
            seq: number;

            /** SealedRequest deadlineMs. */
            deadlineMs: number;

            /** SealedRequest modelId. */
            modelId: Uint8Array;

            /** SealedRequest promptPriceNano. */
            promptPriceNano: number;

            /** SealedRequest completionPriceNano. */
            completionPriceNano: number;

            /** SealedRequest maxCostNano. */
            maxCostNano: number;

            /**
             * Creates a new SealedRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SealedRequest instance
             */
            static create(properties: chrysalis.v1.SealedRequest.$Shape): chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape;
            static create(properties?: chrysalis.v1.SealedRequest.$Properties): chrysalis.v1.SealedRequest;

            /**
             * Encodes the specified SealedRequest message. Does not implicitly {@link chrysalis.v1.SealedRequest.verify|verify} messages.
             * @param message SealedRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.SealedRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SealedRequest message, length delimited. Does not implicitly {@link chrysalis.v1.SealedRequest.verify|verify} messages.
             * @param message SealedRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.SealedRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SealedRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape} SealedRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape;

            /**
             * Decodes a SealedRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape} SealedRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.SealedRequest & chrysalis.v1.SealedRequest.$Shape;

            /**
             * Verifies a SealedRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SealedRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SealedRequest
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.SealedRequest;

            /**
             * Creates a plain object from a SealedRequest message. Also converts values to other types if specified.
             * @param message SealedRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.SealedRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SealedRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SealedRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SealedRequest {

            /** Properties of a SealedRequest. */
            interface $Properties {

                /** SealedRequest requestId */
                requestId?: (string|null);

                /** SealedRequest sealed */
                sealed?: (Uint8Array|null);

                /** SealedRequest channel */
                channel?: (string|null);

                /** SealedRequest seq */
                seq?: (number|null);

                /** SealedRequest deadlineMs */
                deadlineMs?: (number|null);

                /** SealedRequest modelId */
                modelId?: (Uint8Array|null);

                /** SealedRequest promptPriceNano */
                promptPriceNano?: (number|null);

                /** SealedRequest completionPriceNano */
                completionPriceNano?: (number|null);

                /** SealedRequest maxCostNano */
                maxCostNano?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SealedRequest. */
            type $Shape = chrysalis.v1.SealedRequest.$Properties;
        }

        /**
         * Properties of a Cancel.
         * @deprecated Use chrysalis.v1.Cancel.$Properties instead.
         */
        interface ICancel extends chrysalis.v1.Cancel.$Properties {
        }

        /** Represents a Cancel. */
        class Cancel {

            /**
             * Constructs a new Cancel.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Cancel.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Cancel requestId. */
            requestId: string;

            /** Cancel code. */
            code: string;

            /**
             * Creates a new Cancel instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Cancel instance
             */
            static create(properties: chrysalis.v1.Cancel.$Shape): chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape;
            static create(properties?: chrysalis.v1.Cancel.$Properties): chrysalis.v1.Cancel;

            /**
             * Encodes the specified Cancel message. Does not implicitly {@link chrysalis.v1.Cancel.verify|verify} messages.
             * @param message Cancel message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Cancel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Cancel message, length delimited. Does not implicitly {@link chrysalis.v1.Cancel.verify|verify} messages.
             * @param message Cancel message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Cancel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Cancel message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape} Cancel
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape;

            /**
             * Decodes a Cancel message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape} Cancel
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Cancel & chrysalis.v1.Cancel.$Shape;

            /**
             * Verifies a Cancel message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Cancel message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Cancel
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Cancel;

            /**
             * Creates a plain object from a Cancel message. Also converts values to other types if specified.
             * @param message Cancel
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Cancel, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Cancel to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Cancel
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Cancel {

            /** Properties of a Cancel. */
            interface $Properties {

                /** Cancel requestId */
                requestId?: (string|null);

                /** Cancel code */
                code?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Cancel. */
            type $Shape = chrysalis.v1.Cancel.$Properties;
        }

        /**
         * Properties of a BrokerFrame.
         * @deprecated Use chrysalis.v1.BrokerFrame.$Properties instead.
         */
        interface IBrokerFrame extends chrysalis.v1.BrokerFrame.$Properties {
        }

        /** Represents a BrokerFrame. */
        class BrokerFrame {

            /**
             * Constructs a new BrokerFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.BrokerFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BrokerFrame challenge. */
            challenge?: (chrysalis.v1.Challenge.$Properties|null);

            /** BrokerFrame admission. */
            admission?: (chrysalis.v1.AdmissionResult.$Properties|null);

            /** BrokerFrame request. */
            request?: (chrysalis.v1.SealedRequest.$Properties|null);

            /** BrokerFrame cancel. */
            cancel?: (chrysalis.v1.Cancel.$Properties|null);

            /** BrokerFrame heartbeat. */
            heartbeat?: (chrysalis.v1.Heartbeat.$Properties|null);

            /** BrokerFrame drain. */
            drain?: (chrysalis.v1.Drain.$Properties|null);

            /** BrokerFrame error. */
            error?: (chrysalis.v1.Error.$Properties|null);

            /** BrokerFrame workerVoucher. */
            workerVoucher?: (chrysalis.v1.WorkerVoucher.$Properties|null);

            /** BrokerFrame msg. */
            msg?: ("challenge"|"admission"|"request"|"cancel"|"heartbeat"|"drain"|"error"|"workerVoucher");

            /**
             * Creates a new BrokerFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BrokerFrame instance
             */
            static create(properties: chrysalis.v1.BrokerFrame.$Shape): chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape;
            static create(properties?: chrysalis.v1.BrokerFrame.$Properties): chrysalis.v1.BrokerFrame;

            /**
             * Encodes the specified BrokerFrame message. Does not implicitly {@link chrysalis.v1.BrokerFrame.verify|verify} messages.
             * @param message BrokerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.BrokerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified BrokerFrame message, length delimited. Does not implicitly {@link chrysalis.v1.BrokerFrame.verify|verify} messages.
             * @param message BrokerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.BrokerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BrokerFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape} BrokerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape;

            /**
             * Decodes a BrokerFrame message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape} BrokerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.BrokerFrame & chrysalis.v1.BrokerFrame.$Shape;

            /**
             * Verifies a BrokerFrame message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a BrokerFrame message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns BrokerFrame
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.BrokerFrame;

            /**
             * Creates a plain object from a BrokerFrame message. Also converts values to other types if specified.
             * @param message BrokerFrame
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.BrokerFrame, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this BrokerFrame to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for BrokerFrame
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BrokerFrame {

            /** Properties of a BrokerFrame. */
            interface $Properties {

                /** BrokerFrame challenge */
                challenge?: (chrysalis.v1.Challenge.$Properties|null);

                /** BrokerFrame admission */
                admission?: (chrysalis.v1.AdmissionResult.$Properties|null);

                /** BrokerFrame request */
                request?: (chrysalis.v1.SealedRequest.$Properties|null);

                /** BrokerFrame cancel */
                cancel?: (chrysalis.v1.Cancel.$Properties|null);

                /** BrokerFrame heartbeat */
                heartbeat?: (chrysalis.v1.Heartbeat.$Properties|null);

                /** BrokerFrame drain */
                drain?: (chrysalis.v1.Drain.$Properties|null);

                /** BrokerFrame error */
                error?: (chrysalis.v1.Error.$Properties|null);

                /** BrokerFrame workerVoucher */
                workerVoucher?: (chrysalis.v1.WorkerVoucher.$Properties|null);

                /** BrokerFrame msg */
                msg?: ("challenge"|"admission"|"request"|"cancel"|"heartbeat"|"drain"|"error"|"workerVoucher");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a BrokerFrame. */
            type $Shape = {
              challenge?: chrysalis.v1.Challenge.$Shape|null;
              admission?: chrysalis.v1.AdmissionResult.$Shape|null;
              request?: chrysalis.v1.SealedRequest.$Shape|null;
              cancel?: chrysalis.v1.Cancel.$Shape|null;
              heartbeat?: chrysalis.v1.Heartbeat.$Shape|null;
              drain?: chrysalis.v1.Drain.$Shape|null;
              error?: chrysalis.v1.Error.$Shape|null;
              workerVoucher?: chrysalis.v1.WorkerVoucher.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "challenge"; challenge: chrysalis.v1.Challenge.$Shape; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "admission"; challenge?: null; admission: chrysalis.v1.AdmissionResult.$Shape; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "request"; challenge?: null; admission?: null; request: chrysalis.v1.SealedRequest.$Shape; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "cancel"; challenge?: null; admission?: null; request?: null; cancel: chrysalis.v1.Cancel.$Shape; heartbeat?: null; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "heartbeat"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat: chrysalis.v1.Heartbeat.$Shape; drain?: null; error?: null; workerVoucher?: null }|{ msg?: "drain"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain: chrysalis.v1.Drain.$Shape; error?: null; workerVoucher?: null }|{ msg?: "error"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error: chrysalis.v1.Error.$Shape; workerVoucher?: null }|{ msg?: "workerVoucher"; challenge?: null; admission?: null; request?: null; cancel?: null; heartbeat?: null; drain?: null; error?: null; workerVoucher: chrysalis.v1.WorkerVoucher.$Shape })
            );
        }

        /**
         * Properties of a WorkerVoucher.
         * @deprecated Use chrysalis.v1.WorkerVoucher.$Properties instead.
         */
        interface IWorkerVoucher extends chrysalis.v1.WorkerVoucher.$Properties {
        }

        /** Represents a WorkerVoucher. */
        class WorkerVoucher {

            /**
             * Constructs a new WorkerVoucher.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.WorkerVoucher.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkerVoucher channel. */
            channel: string;

            /** WorkerVoucher cumulativeNano. */
            cumulativeNano: number;

            /** WorkerVoucher voucher. */
            voucher: Uint8Array;

            /** WorkerVoucher signature. */
            signature: Uint8Array;

            /** WorkerVoucher earnedNano. */
            earnedNano: number;

            /**
             * Creates a new WorkerVoucher instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkerVoucher instance
             */
            static create(properties: chrysalis.v1.WorkerVoucher.$Shape): chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape;
            static create(properties?: chrysalis.v1.WorkerVoucher.$Properties): chrysalis.v1.WorkerVoucher;

            /**
             * Encodes the specified WorkerVoucher message. Does not implicitly {@link chrysalis.v1.WorkerVoucher.verify|verify} messages.
             * @param message WorkerVoucher message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.WorkerVoucher.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WorkerVoucher message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerVoucher.verify|verify} messages.
             * @param message WorkerVoucher message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.WorkerVoucher.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkerVoucher message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape} WorkerVoucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape;

            /**
             * Decodes a WorkerVoucher message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape} WorkerVoucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.WorkerVoucher & chrysalis.v1.WorkerVoucher.$Shape;

            /**
             * Verifies a WorkerVoucher message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkerVoucher message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkerVoucher
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.WorkerVoucher;

            /**
             * Creates a plain object from a WorkerVoucher message. Also converts values to other types if specified.
             * @param message WorkerVoucher
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.WorkerVoucher, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkerVoucher to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkerVoucher
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkerVoucher {

            /** Properties of a WorkerVoucher. */
            interface $Properties {

                /** WorkerVoucher channel */
                channel?: (string|null);

                /** WorkerVoucher cumulativeNano */
                cumulativeNano?: (number|null);

                /** WorkerVoucher voucher */
                voucher?: (Uint8Array|null);

                /** WorkerVoucher signature */
                signature?: (Uint8Array|null);

                /** WorkerVoucher earnedNano */
                earnedNano?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WorkerVoucher. */
            type $Shape = chrysalis.v1.WorkerVoucher.$Properties;
        }

        /**
         * Properties of a WorkerEntry.
         * @deprecated Use chrysalis.v1.WorkerEntry.$Properties instead.
         */
        interface IWorkerEntry extends chrysalis.v1.WorkerEntry.$Properties {
        }

        /** Represents a WorkerEntry. */
        class WorkerEntry {

            /**
             * Constructs a new WorkerEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.WorkerEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkerEntry workerId. */
            workerId: string;

            /** WorkerEntry modelId. */
            modelId: Uint8Array;

            /** WorkerEntry bundle. */
            bundle: Uint8Array;

            /** WorkerEntry bundleDigest. */
            bundleDigest: Uint8Array;

            /** WorkerEntry signingPublicKey. */
            signingPublicKey: Uint8Array;

            /** WorkerEntry hpkePublicKey. */
            hpkePublicKey: Uint8Array;

            /** WorkerEntry imageId. */
            imageId: Uint8Array;

            /** WorkerEntry platformId. */
            platformId: Uint8Array;

            /** WorkerEntry admittedAtMs. */
            admittedAtMs: number;

            /** WorkerEntry validUntilMs. */
            validUntilMs: number;

            /** WorkerEntry queueDepth. */
            queueDepth: number;

            /** WorkerEntry maxConcurrency. */
            maxConcurrency: number;

            /** WorkerEntry promptPriceNano. */
            promptPriceNano: number;

            /** WorkerEntry completionPriceNano. */
            completionPriceNano: number;

            /**
             * Creates a new WorkerEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkerEntry instance
             */
            static create(properties: chrysalis.v1.WorkerEntry.$Shape): chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape;
            static create(properties?: chrysalis.v1.WorkerEntry.$Properties): chrysalis.v1.WorkerEntry;

            /**
             * Encodes the specified WorkerEntry message. Does not implicitly {@link chrysalis.v1.WorkerEntry.verify|verify} messages.
             * @param message WorkerEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.WorkerEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WorkerEntry message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerEntry.verify|verify} messages.
             * @param message WorkerEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.WorkerEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkerEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape} WorkerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape;

            /**
             * Decodes a WorkerEntry message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape} WorkerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.WorkerEntry & chrysalis.v1.WorkerEntry.$Shape;

            /**
             * Verifies a WorkerEntry message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkerEntry message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkerEntry
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.WorkerEntry;

            /**
             * Creates a plain object from a WorkerEntry message. Also converts values to other types if specified.
             * @param message WorkerEntry
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.WorkerEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkerEntry to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkerEntry
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkerEntry {

            /** Properties of a WorkerEntry. */
            interface $Properties {

                /** WorkerEntry workerId */
                workerId?: (string|null);

                /** WorkerEntry modelId */
                modelId?: (Uint8Array|null);

                /** WorkerEntry bundle */
                bundle?: (Uint8Array|null);

                /** WorkerEntry bundleDigest */
                bundleDigest?: (Uint8Array|null);

                /** WorkerEntry signingPublicKey */
                signingPublicKey?: (Uint8Array|null);

                /** WorkerEntry hpkePublicKey */
                hpkePublicKey?: (Uint8Array|null);

                /** WorkerEntry imageId */
                imageId?: (Uint8Array|null);

                /** WorkerEntry platformId */
                platformId?: (Uint8Array|null);

                /** WorkerEntry admittedAtMs */
                admittedAtMs?: (number|null);

                /** WorkerEntry validUntilMs */
                validUntilMs?: (number|null);

                /** WorkerEntry queueDepth */
                queueDepth?: (number|null);

                /** WorkerEntry maxConcurrency */
                maxConcurrency?: (number|null);

                /** WorkerEntry promptPriceNano */
                promptPriceNano?: (number|null);

                /** WorkerEntry completionPriceNano */
                completionPriceNano?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WorkerEntry. */
            type $Shape = chrysalis.v1.WorkerEntry.$Properties;
        }

        /**
         * Properties of a WorkerList.
         * @deprecated Use chrysalis.v1.WorkerList.$Properties instead.
         */
        interface IWorkerList extends chrysalis.v1.WorkerList.$Properties {
        }

        /** Represents a WorkerList. */
        class WorkerList {

            /**
             * Constructs a new WorkerList.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.WorkerList.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkerList workers. */
            workers: chrysalis.v1.WorkerEntry.$Properties[];

            /** WorkerList brokerId. */
            brokerId: string;

            /** WorkerList protocolVersion. */
            protocolVersion: number;

            /**
             * Creates a new WorkerList instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkerList instance
             */
            static create(properties: chrysalis.v1.WorkerList.$Shape): chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape;
            static create(properties?: chrysalis.v1.WorkerList.$Properties): chrysalis.v1.WorkerList;

            /**
             * Encodes the specified WorkerList message. Does not implicitly {@link chrysalis.v1.WorkerList.verify|verify} messages.
             * @param message WorkerList message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.WorkerList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified WorkerList message, length delimited. Does not implicitly {@link chrysalis.v1.WorkerList.verify|verify} messages.
             * @param message WorkerList message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.WorkerList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkerList message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape} WorkerList
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape;

            /**
             * Decodes a WorkerList message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape} WorkerList
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.WorkerList & chrysalis.v1.WorkerList.$Shape;

            /**
             * Verifies a WorkerList message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkerList message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkerList
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.WorkerList;

            /**
             * Creates a plain object from a WorkerList message. Also converts values to other types if specified.
             * @param message WorkerList
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.WorkerList, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkerList to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkerList
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkerList {

            /** Properties of a WorkerList. */
            interface $Properties {

                /** WorkerList workers */
                workers?: (chrysalis.v1.WorkerEntry.$Properties[]|null);

                /** WorkerList brokerId */
                brokerId?: (string|null);

                /** WorkerList protocolVersion */
                protocolVersion?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WorkerList. */
            type $Shape = chrysalis.v1.WorkerList.$Properties;
        }

        /**
         * Properties of a SubmitRequest.
         * @deprecated Use chrysalis.v1.SubmitRequest.$Properties instead.
         */
        interface ISubmitRequest extends chrysalis.v1.SubmitRequest.$Properties {
        }

        /** Represents a SubmitRequest. */
        class SubmitRequest {

            /**
             * Constructs a new SubmitRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.SubmitRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SubmitRequest workerId. */
            workerId: string;

            /** SubmitRequest modelId. */
            modelId: Uint8Array;

            /** SubmitRequest sealed. */
            sealed: Uint8Array;

            /** SubmitRequest clientKey. */
            clientKey: Uint8Array;

            /** SubmitRequest nonce. */
            nonce: Uint8Array;

            /** SubmitRequest signature. */
            signature: Uint8Array;

            /** SubmitRequest channel. */
            channel: string;

            /** SubmitRequest maxPromptPriceNano. */
            maxPromptPriceNano: number;

            /** SubmitRequest maxCompletionPriceNano. */
            maxCompletionPriceNano: number;

            /** SubmitRequest maxCostNano. */
            maxCostNano: number;

            /** SubmitRequest voucher. */
            voucher?: (chrysalis.v1.Voucher.$Properties|null);

            /**
             * Creates a new SubmitRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SubmitRequest instance
             */
            static create(properties: chrysalis.v1.SubmitRequest.$Shape): chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape;
            static create(properties?: chrysalis.v1.SubmitRequest.$Properties): chrysalis.v1.SubmitRequest;

            /**
             * Encodes the specified SubmitRequest message. Does not implicitly {@link chrysalis.v1.SubmitRequest.verify|verify} messages.
             * @param message SubmitRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.SubmitRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified SubmitRequest message, length delimited. Does not implicitly {@link chrysalis.v1.SubmitRequest.verify|verify} messages.
             * @param message SubmitRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.SubmitRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SubmitRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape} SubmitRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape;

            /**
             * Decodes a SubmitRequest message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape} SubmitRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.SubmitRequest & chrysalis.v1.SubmitRequest.$Shape;

            /**
             * Verifies a SubmitRequest message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SubmitRequest message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SubmitRequest
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.SubmitRequest;

            /**
             * Creates a plain object from a SubmitRequest message. Also converts values to other types if specified.
             * @param message SubmitRequest
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.SubmitRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SubmitRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SubmitRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SubmitRequest {

            /** Properties of a SubmitRequest. */
            interface $Properties {

                /** SubmitRequest workerId */
                workerId?: (string|null);

                /** SubmitRequest modelId */
                modelId?: (Uint8Array|null);

                /** SubmitRequest sealed */
                sealed?: (Uint8Array|null);

                /** SubmitRequest clientKey */
                clientKey?: (Uint8Array|null);

                /** SubmitRequest nonce */
                nonce?: (Uint8Array|null);

                /** SubmitRequest signature */
                signature?: (Uint8Array|null);

                /** SubmitRequest channel */
                channel?: (string|null);

                /** SubmitRequest maxPromptPriceNano */
                maxPromptPriceNano?: (number|null);

                /** SubmitRequest maxCompletionPriceNano */
                maxCompletionPriceNano?: (number|null);

                /** SubmitRequest maxCostNano */
                maxCostNano?: (number|null);

                /** SubmitRequest voucher */
                voucher?: (chrysalis.v1.Voucher.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SubmitRequest. */
            type $Shape = chrysalis.v1.SubmitRequest.$Properties;
        }

        /**
         * Properties of a StreamAccepted.
         * @deprecated Use chrysalis.v1.StreamAccepted.$Properties instead.
         */
        interface IStreamAccepted extends chrysalis.v1.StreamAccepted.$Properties {
        }

        /** Represents a StreamAccepted. */
        class StreamAccepted {

            /**
             * Constructs a new StreamAccepted.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.StreamAccepted.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StreamAccepted requestId. */
            requestId: string;

            /** StreamAccepted workerId. */
            workerId: string;

            /** StreamAccepted seq. */
            seq: number;

            /** StreamAccepted promptPriceNano. */
            promptPriceNano: number;

            /** StreamAccepted completionPriceNano. */
            completionPriceNano: number;

            /** StreamAccepted maxCostNano. */
            maxCostNano: number;

            /**
             * Creates a new StreamAccepted instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamAccepted instance
             */
            static create(properties: chrysalis.v1.StreamAccepted.$Shape): chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape;
            static create(properties?: chrysalis.v1.StreamAccepted.$Properties): chrysalis.v1.StreamAccepted;

            /**
             * Encodes the specified StreamAccepted message. Does not implicitly {@link chrysalis.v1.StreamAccepted.verify|verify} messages.
             * @param message StreamAccepted message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.StreamAccepted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified StreamAccepted message, length delimited. Does not implicitly {@link chrysalis.v1.StreamAccepted.verify|verify} messages.
             * @param message StreamAccepted message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.StreamAccepted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamAccepted message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape} StreamAccepted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape;

            /**
             * Decodes a StreamAccepted message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape} StreamAccepted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.StreamAccepted & chrysalis.v1.StreamAccepted.$Shape;

            /**
             * Verifies a StreamAccepted message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a StreamAccepted message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StreamAccepted
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.StreamAccepted;

            /**
             * Creates a plain object from a StreamAccepted message. Also converts values to other types if specified.
             * @param message StreamAccepted
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.StreamAccepted, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StreamAccepted to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StreamAccepted
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StreamAccepted {

            /** Properties of a StreamAccepted. */
            interface $Properties {

                /** StreamAccepted requestId */
                requestId?: (string|null);

                /** StreamAccepted workerId */
                workerId?: (string|null);

                /** StreamAccepted seq */
                seq?: (number|null);

                /** StreamAccepted promptPriceNano */
                promptPriceNano?: (number|null);

                /** StreamAccepted completionPriceNano */
                completionPriceNano?: (number|null);

                /** StreamAccepted maxCostNano */
                maxCostNano?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StreamAccepted. */
            type $Shape = chrysalis.v1.StreamAccepted.$Properties;
        }

        /**
         * Properties of a StreamFrame.
         * @deprecated Use chrysalis.v1.StreamFrame.$Properties instead.
         */
        interface IStreamFrame extends chrysalis.v1.StreamFrame.$Properties {
        }

        /** Represents a StreamFrame. */
        class StreamFrame {

            /**
             * Constructs a new StreamFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.StreamFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StreamFrame accepted. */
            accepted?: (chrysalis.v1.StreamAccepted.$Properties|null);

            /** StreamFrame chunk. */
            chunk?: (chrysalis.v1.SealedChunk.$Properties|null);

            /** StreamFrame receipt. */
            receipt?: (chrysalis.v1.ReceiptMsg.$Properties|null);

            /** StreamFrame error. */
            error?: (chrysalis.v1.Error.$Properties|null);

            /** StreamFrame msg. */
            msg?: ("accepted"|"chunk"|"receipt"|"error");

            /**
             * Creates a new StreamFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StreamFrame instance
             */
            static create(properties: chrysalis.v1.StreamFrame.$Shape): chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape;
            static create(properties?: chrysalis.v1.StreamFrame.$Properties): chrysalis.v1.StreamFrame;

            /**
             * Encodes the specified StreamFrame message. Does not implicitly {@link chrysalis.v1.StreamFrame.verify|verify} messages.
             * @param message StreamFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.StreamFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified StreamFrame message, length delimited. Does not implicitly {@link chrysalis.v1.StreamFrame.verify|verify} messages.
             * @param message StreamFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.StreamFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StreamFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape} StreamFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape;

            /**
             * Decodes a StreamFrame message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape} StreamFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.StreamFrame & chrysalis.v1.StreamFrame.$Shape;

            /**
             * Verifies a StreamFrame message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a StreamFrame message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StreamFrame
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.StreamFrame;

            /**
             * Creates a plain object from a StreamFrame message. Also converts values to other types if specified.
             * @param message StreamFrame
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.StreamFrame, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StreamFrame to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StreamFrame
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StreamFrame {

            /** Properties of a StreamFrame. */
            interface $Properties {

                /** StreamFrame accepted */
                accepted?: (chrysalis.v1.StreamAccepted.$Properties|null);

                /** StreamFrame chunk */
                chunk?: (chrysalis.v1.SealedChunk.$Properties|null);

                /** StreamFrame receipt */
                receipt?: (chrysalis.v1.ReceiptMsg.$Properties|null);

                /** StreamFrame error */
                error?: (chrysalis.v1.Error.$Properties|null);

                /** StreamFrame msg */
                msg?: ("accepted"|"chunk"|"receipt"|"error");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a StreamFrame. */
            type $Shape = {
              accepted?: chrysalis.v1.StreamAccepted.$Shape|null;
              chunk?: chrysalis.v1.SealedChunk.$Shape|null;
              receipt?: chrysalis.v1.ReceiptMsg.$Shape|null;
              error?: chrysalis.v1.Error.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; accepted?: null; chunk?: null; receipt?: null; error?: null }|{ msg?: "accepted"; accepted: chrysalis.v1.StreamAccepted.$Shape; chunk?: null; receipt?: null; error?: null }|{ msg?: "chunk"; accepted?: null; chunk: chrysalis.v1.SealedChunk.$Shape; receipt?: null; error?: null }|{ msg?: "receipt"; accepted?: null; chunk?: null; receipt: chrysalis.v1.ReceiptMsg.$Shape; error?: null }|{ msg?: "error"; accepted?: null; chunk?: null; receipt?: null; error: chrysalis.v1.Error.$Shape })
            );
        }

        /**
         * Properties of a Voucher.
         * @deprecated Use chrysalis.v1.Voucher.$Properties instead.
         */
        interface IVoucher extends chrysalis.v1.Voucher.$Properties {
        }

        /** Represents a Voucher. */
        class Voucher {

            /**
             * Constructs a new Voucher.
             * @param [properties] Properties to set
             */
            constructor(properties?: chrysalis.v1.Voucher.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Voucher channel. */
            channel: string;

            /** Voucher cumulativeNano. */
            cumulativeNano: number;

            /** Voucher voucher. */
            voucher: Uint8Array;

            /** Voucher signature. */
            signature: Uint8Array;

            /** Voucher clientKey. */
            clientKey: Uint8Array;

            /**
             * Creates a new Voucher instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Voucher instance
             */
            static create(properties: chrysalis.v1.Voucher.$Shape): chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape;
            static create(properties?: chrysalis.v1.Voucher.$Properties): chrysalis.v1.Voucher;

            /**
             * Encodes the specified Voucher message. Does not implicitly {@link chrysalis.v1.Voucher.verify|verify} messages.
             * @param message Voucher message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: chrysalis.v1.Voucher.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Encodes the specified Voucher message, length delimited. Does not implicitly {@link chrysalis.v1.Voucher.verify|verify} messages.
             * @param message Voucher message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encodeDelimited(message: chrysalis.v1.Voucher.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Voucher message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape} Voucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape;

            /**
             * Decodes a Voucher message from the specified reader or buffer, length delimited.
             * @param reader Reader or buffer to decode from
             * @returns {chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape} Voucher
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): chrysalis.v1.Voucher & chrysalis.v1.Voucher.$Shape;

            /**
             * Verifies a Voucher message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Voucher message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Voucher
             */
            static fromObject(object: { [k: string]: any }): chrysalis.v1.Voucher;

            /**
             * Creates a plain object from a Voucher message. Also converts values to other types if specified.
             * @param message Voucher
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: chrysalis.v1.Voucher, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Voucher to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Voucher
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Voucher {

            /** Properties of a Voucher. */
            interface $Properties {

                /** Voucher channel */
                channel?: (string|null);

                /** Voucher cumulativeNano */
                cumulativeNano?: (number|null);

                /** Voucher voucher */
                voucher?: (Uint8Array|null);

                /** Voucher signature */
                signature?: (Uint8Array|null);

                /** Voucher clientKey */
                clientKey?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Voucher. */
            type $Shape = chrysalis.v1.Voucher.$Properties;
        }
    }
}
