import { requireViewer } from "../../context.ts";
import { heartbeat, registerDevice, removeDevice } from "../../domain/devices.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";

const DeviceMacInput = builder.inputType("DeviceMacInput", {
  fields: (t) => ({ name: t.string({ required: true }), address: t.string({ required: true }) }),
});

const RegisterDeviceInput = builder.inputType("RegisterDeviceInput", {
  fields: (t) => ({
    hostname: t.string({ required: true }),
    os: t.string({ required: true }),
    arch: t.string({ required: true }),
    macs: t.field({
      type: [DeviceMacInput],
      required: true,
      description:
        "Interface name to MAC. A browser has no MAC: it sends one entry named h5mac, e.g. android:safari:720.",
    }),
  }),
});

builder.mutationField("registerDevice", (t) =>
  t.prismaField({
    type: "Device",
    description:
      "Finds the caller's device by any of its MAC addresses, or creates it (and joins it to the caller's device chat).",
    args: { input: t.arg({ type: RegisterDeviceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const device = await registerDevice(ctx, requireViewer(ctx).userId, input);
      return ctx.prisma.device.findUniqueOrThrow({ ...query, where: { id: device.id } });
    },
  }),
);

builder.mutationField("heartbeat", (t) =>
  t.prismaField({
    type: "Device",
    args: { deviceId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const deviceId = parseId(args.deviceId, "deviceId");
      await heartbeat(ctx, requireViewer(ctx).userId, deviceId);
      return ctx.prisma.device.findUniqueOrThrow({ ...query, where: { id: deviceId } });
    },
  }),
);

builder.mutationField("removeDevice", (t) =>
  t.boolean({
    args: { deviceId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await removeDevice(ctx, requireViewer(ctx).userId, parseId(args.deviceId, "deviceId"));
      return true;
    },
  }),
);
