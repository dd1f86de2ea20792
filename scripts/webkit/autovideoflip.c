/*
 * autovideoflip for GStreamer 1.22. WebKitGTK 2.50 records video through a pipeline that asks for
 * `autovideoflip` (added in GStreamer 1.24); Debian 12 ships 1.22, where the element is missing and
 * every video recording yields one empty chunk. This registers a bin of that name around the
 * classic `videoflip`, forwarding `video-direction` (as a string: videoflip parses it). Test machines only: built by
 * scripts/test-setup.sh, found through GST_PLUGIN_PATH set by the browser test configuration.
 */
#include <gst/gst.h>

typedef struct { GstBin parent; GstElement *flip; gchar *direction; } AutoVideoFlip;
typedef struct { GstBinClass parent_class; } AutoVideoFlipClass;

enum { PROP_0, PROP_VIDEO_DIRECTION };

G_DEFINE_TYPE(AutoVideoFlip, auto_video_flip, GST_TYPE_BIN)

static void auto_video_flip_set_property(GObject *object, guint id, const GValue *value, GParamSpec *pspec) {
  AutoVideoFlip *self = (AutoVideoFlip *)object;
  if (id != PROP_VIDEO_DIRECTION) {
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
    return;
  }
  /* A string here (no gstreamer-video headers needed): videoflip parses it into its enum. */
  g_free(self->direction);
  self->direction = g_value_dup_string(value);
  if (self->direction) gst_util_set_object_arg(G_OBJECT(self->flip), "video-direction", self->direction);
}

static void auto_video_flip_get_property(GObject *object, guint id, GValue *value, GParamSpec *pspec) {
  AutoVideoFlip *self = (AutoVideoFlip *)object;
  if (id == PROP_VIDEO_DIRECTION) g_value_set_string(value, self->direction ? self->direction : "identity");
  else G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
}

static void auto_video_flip_init(AutoVideoFlip *self) {
  self->flip = gst_element_factory_make("videoflip", NULL);
  gst_bin_add(GST_BIN(self), self->flip);
  GstPad *sink = gst_element_get_static_pad(self->flip, "sink");
  GstPad *src = gst_element_get_static_pad(self->flip, "src");
  gst_element_add_pad(GST_ELEMENT(self), gst_ghost_pad_new("sink", sink));
  gst_element_add_pad(GST_ELEMENT(self), gst_ghost_pad_new("src", src));
  gst_object_unref(sink);
  gst_object_unref(src);
}

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

static void auto_video_flip_class_init(AutoVideoFlipClass *klass) {
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
  object_class->set_property = auto_video_flip_set_property;
  object_class->get_property = auto_video_flip_get_property;
  g_object_class_install_property(object_class, PROP_VIDEO_DIRECTION,
                                  g_param_spec_string("video-direction", "Video direction", "Passed to videoflip", "identity",
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  gst_element_class_add_static_pad_template(element_class, &sink_template);
  gst_element_class_add_static_pad_template(element_class, &src_template);
  gst_element_class_set_static_metadata(element_class, "Auto video flip (shim)", "Filter/Effect/Video",
                                        "videoflip under the GStreamer 1.24 name", "Candid tests");
}

static gboolean plugin_init(GstPlugin *plugin) {
  return gst_element_register(plugin, "autovideoflip", GST_RANK_NONE, auto_video_flip_get_type());
}

#define PACKAGE "candid-autovideoflip"
GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, autovideoflipshim, "autovideoflip for GStreamer 1.22",
                  plugin_init, "1.0", "LGPL", PACKAGE, "https://example.invalid/candid")
