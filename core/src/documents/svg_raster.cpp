// SVG through librsvg onto cairo: the PDF report's map and chart, and `map -o OUT.png`.
#include "documents/svg_raster.hpp"

#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>

#include "chainatlas/documents/document.hpp"

namespace chainatlas::detail {

namespace {

struct HandleDeleter {
    void operator()(RsvgHandle* handle) const { g_object_unref(handle); }
};
using Handle = std::unique_ptr<RsvgHandle, HandleDeleter>;

Result<Handle> parse(const std::string& svg) {
    GError* error = nullptr;
    Handle handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
    if (!handle) {
        std::string reason = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return Result<Handle>::failure(ErrorCode::Format, "cannot read the SVG: " + reason);
    }
    return handle;
}

Result<SvgSize> sizeOf(RsvgHandle* handle) {
    double width = 0, height = 0;
    if (rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) && width > 0 && height > 0)
        return SvgSize{width, height};
    gboolean hasWidth, hasHeight, hasViewBox;
    RsvgLength w, h;
    RsvgRectangle viewBox;
    rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &w, &hasHeight, &h, &hasViewBox, &viewBox);
    if (hasViewBox && viewBox.width > 0 && viewBox.height > 0) return SvgSize{viewBox.width, viewBox.height};
    return Result<SvgSize>::failure(ErrorCode::Format, "the SVG has no size");
}

}  // namespace

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

Result<SvgSize> svgSize(const std::string& svg) {
    auto handle = parse(svg);
    if (!handle) return handle.error();
    return sizeOf(handle->get());
}

Status drawSvg(cairo_t* cr, const std::string& svg, double x, double y, double width, double height,
               double* usedHeight) {
    auto handle = parse(svg);
    if (!handle) return handle.error();
    auto size = sizeOf(handle->get());
    if (!size) return size.error();
    double scale = std::min(width / size->width, height / size->height);
    RsvgRectangle viewport{x + (width - size->width * scale) / 2, y, size->width * scale, size->height * scale};
    GError* error = nullptr;
    if (!rsvg_handle_render_document(handle->get(), cr, &viewport, &error)) {
        std::string reason = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return Status::failure(ErrorCode::Internal, "cannot draw the SVG: " + reason);
    }
    if (usedHeight) *usedHeight = viewport.height;
    return Status::success();
}

}  // namespace chainatlas::detail

namespace chainatlas {

Result<std::string> svgToPng(const std::string& svg, double scale) {
    auto size = detail::svgSize(svg);
    if (!size) return size.error();
    int width = static_cast<int>(std::lround(size->width * scale));
    int height = static_cast<int>(std::lround(size->height * scale));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);  // slides and documents are white; transparency turns black in some viewers
    cairo_paint(cr);
    Status drawn = detail::drawSvg(cr, svg, 0, 0, width, height);
    std::string png;
    if (drawn && cairo_surface_write_to_png_stream(surface, detail::appendToString, &png) != CAIRO_STATUS_SUCCESS)
        drawn = Status::failure(ErrorCode::Internal, "cannot encode the PNG");
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    if (!drawn) return drawn.error();
    return Result<std::string>::success(std::move(png));
}

}  // namespace chainatlas
