// GLFW, OpenGL 3 and Dear ImGui's platform and renderer backends (see backend.hpp).
#include "platform/backend.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace viewer {

namespace {

constexpr const char* kTitle = "ChainAtlas 产业链图谱";

GLFWwindow* createWindow(const WindowOptions& o, const char** glslVersion) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (o.headless) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    *glslVersion = "#version 330 core";
    GLFWwindow* window = glfwCreateWindow(o.width, o.height, kTitle, nullptr, nullptr);
    if (window) return window;
    glfwDefaultWindowHints();  // an older driver: any OpenGL 3 context
    if (o.headless) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    *glslVersion = "#version 130";
    return glfwCreateWindow(o.width, o.height, kTitle, nullptr, nullptr);
}

void updateModifiers(ImGuiIO& io) {
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
}

}  // namespace

std::unique_ptr<Backend> Backend::create(const WindowOptions& options, std::string& problem) {
    if (!glfwInit()) {
        problem = "no display (set DISPLAY, or run under xvfb-run)";
        return nullptr;
    }
    const char* glsl = nullptr;
    GLFWwindow* window = createWindow(options, &glsl);
    if (!window) {
        problem = "cannot create an OpenGL 3 window";
        glfwTerminate();
        return nullptr;
    }
    std::unique_ptr<Backend> backend(new Backend(window));
    backend->savedWidth_ = options.width;
    backend->savedHeight_ = options.height;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(options.headless ? 0 : 1);
    glfwSetWindowUserPointer(window, backend.get());  // ImGui 1.86's GLFW backend leaves it to us
    glfwSetDropCallback(window, onDrop);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the arrangement is fixed; nothing to remember
    glfwSetKeyCallback(window, onKey);     // before ImGui's backend, which calls it from its own callback
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    glfwSetCharCallback(window, onChar);  // in place of ImGui's, which onChar calls with the filtered character
    ImGui_ImplOpenGL3_Init(glsl);
    // The shaders now, not in the first frame: the first frame would also upload the atlas again, and
    // rebuild it when reloadFontTexture has already freed its pixels.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    backend->singleChannelFont_ = std::string_view(glsl).find("330") != std::string_view::npos;
    return backend;
}

Backend::Backend(GLFWwindow* window) : window_(window) {}

Backend::~Backend() {
    if (fontTexture_) glDeleteTextures(1, &fontTexture_);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

void Backend::onDrop(GLFWwindow* window, int count, const char** paths) {
    auto* backend = static_cast<Backend*>(glfwGetWindowUserPointer(window));
    for (int i = 0; i < count; ++i) backend->dropped_.emplace_back(paths[i]);
}

void Backend::onKey(GLFWwindow* window, int key, int, int action, int) {
    auto* backend = static_cast<Backend*>(glfwGetWindowUserPointer(window));
    if (action == GLFW_PRESS && key >= 0 && key < 512) backend->keyPresses_.push_back(key);
    // Ctrl pressed before one frame and released with its V before the next: the V is latched, and so must be
    // the Ctrl, or the frame sees a bare V (a quick Ctrl+V on a slow frame pasted nothing).
    bool modifier = key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
                    key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT;
    if (action == GLFW_RELEASE && modifier && !backend->keyPresses_.empty()) backend->keyPresses_.push_back(key);
}

void Backend::onChar(GLFWwindow* window, unsigned int c) {
    auto* backend = static_cast<Backend*>(glfwGetWindowUserPointer(window));
    ImGui_ImplGlfw_CharCallback(window, backend->charFilter_ ? backend->charFilter_(c) : c);
}

void Backend::pollEvents() { glfwPollEvents(); }

void Backend::waitEvents(double seconds) { glfwWaitEventsTimeout(seconds); }

void Backend::wake() { glfwPostEmptyEvent(); }

bool Backend::takeCloseRequest() {
    if (!glfwWindowShouldClose(window_)) return false;
    glfwSetWindowShouldClose(window_, GLFW_FALSE);
    return true;
}

std::vector<std::string> Backend::takeDroppedPaths() {
    std::vector<std::string> paths;
    paths.swap(dropped_);
    return paths;
}

// The CJK atlas is 4096 pixels wide and over a thousand high. ImGui's backend uploads it as RGBA (white, with
// the glyphs in the alpha), and the atlas keeps its pixels in both forms: about 24 MB in the process and 19 MB
// in the driver for one byte of information a pixel. In an OpenGL 3.3 context the texture is uploaded with
// that one byte (GL_R8) and read as (1, 1, 1, r) through a swizzle, which is what the RGBA texture holds; the
// atlas's own copies are freed once the driver has the pixels (the glyph positions stay in the fonts).
void Backend::reloadFontTexture() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();  // the backend's texture of ImGui's default font, if any
    if (fontTexture_) glDeleteTextures(1, &fontTexture_);
    fontTexture_ = 0;
    if (!singleChannelFont_) {
        ImGui_ImplOpenGL3_CreateFontsTexture();
        io.Fonts->ClearTexData();
        return;
    }
    constexpr GLint kR8 = 0x8229;                   // GL_R8 (OpenGL 3.0)
    constexpr GLenum kTextureSwizzleRgba = 0x8E46;  // GL_TEXTURE_SWIZZLE_RGBA (OpenGL 3.3)
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    GLint boundTexture = 0, unpackAlignment = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &boundTexture);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &unpackAlignment);
    glGenTextures(1, &fontTexture_);
    glBindTexture(GL_TEXTURE_2D, fontTexture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, kTextureSwizzleRgba, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of single bytes
    glTexImage2D(GL_TEXTURE_2D, 0, kR8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, unpackAlignment);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(boundTexture));
    // ImGui carries an OpenGL texture name in its pointer-sized ImTextureID, as its own backend does.
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(  // NOLINT(performance-no-int-to-ptr)
        static_cast<std::intptr_t>(fontTexture_)));
    io.Fonts->ClearTexData();
}

// Before a frame: keys pressed since the last one count as down; those already up again are remembered.
void Backend::latchKeyPresses() {
    ImGuiIO& io = ImGui::GetIO();
    latched_.clear();
    for (int key : keyPresses_)
        if (!io.KeysDown[key]) {
            io.KeysDown[key] = true;
            latched_.push_back(key);
        }
    keyPresses_.clear();
    updateModifiers(io);
}

// After the frame: the latched keys are up again unless they are still held.
void Backend::releaseLatchedKeys() {
    ImGuiIO& io = ImGui::GetIO();
    for (int key : latched_)
        if (glfwGetKey(window_, key) == GLFW_RELEASE) io.KeysDown[key] = false;
    latched_.clear();
    updateModifiers(io);
}

void Backend::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    latchKeyPresses();
    ImGui::NewFrame();
}

void Backend::endFrame() {
    ImGui::Render();
    releaseLatchedKeys();
    glfwGetFramebufferSize(window_, &width_, &height_);
    glViewport(0, 0, width_, height_);
    glClearColor(0.98f, 0.98f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glFinish();
}

void Backend::present() { glfwSwapBuffers(window_); }

void Backend::toggleFullscreen() {
    if (windowed_) {
        glfwGetWindowPos(window_, &savedX_, &savedY_);
        glfwGetWindowSize(window_, &savedWidth_, &savedHeight_);
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (mode) glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window_, nullptr, savedX_, savedY_, savedWidth_, savedHeight_, 0);
    }
    windowed_ = !windowed_;
}

bool Backend::writeScreenshot(const std::string& path) const {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width_) * height_ * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom to top, a PNG's top to bottom; the alpha channel is made opaque.
    std::vector<unsigned char> flipped(pixels.size());
    std::size_t row = static_cast<std::size_t>(width_) * 4;
    for (int y = 0; y < height_; ++y) std::copy_n(&pixels[(height_ - 1 - y) * row], row, &flipped[y * row]);
    for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    return stbi_write_png(path.c_str(), width_, height_, 4, flipped.data(), static_cast<int>(row)) != 0;
}

}  // namespace viewer
