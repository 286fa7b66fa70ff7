// The window behind one small class (after Tracy's Backend): GLFW, an OpenGL 3 context and Dear ImGui's
// GLFW and OpenGL 3 backends. main.cpp creates one and runs the frame loop through it; the panels never see
// GLFW or OpenGL (app.cpp reads GLFW's key codes only, as ImGui 1.86 reports keys by the backend's codes).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace viewer {

struct WindowOptions {
    int width = 1600, height = 1000;
    bool headless = false;  // --screenshot: an invisible window, frames as fast as they come (no vsync)
};

class Backend {
public:
    // The window (OpenGL 3.3 core, else any OpenGL 3 context for an older driver) with ImGui's context and
    // backends; nullptr and `problem` set when there is no display or no such context.
    static std::unique_ptr<Backend> create(const WindowOptions& options, std::string& problem);
    ~Backend();  // ImGui's backends and context, the window, GLFW
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    // Events since the last frame. The close button is only reported (the app asks before it quits).
    void pollEvents();
    // Waits up to `seconds` for input (returns at once when some arrives), then handles it like pollEvents.
    void waitEvents(double seconds);
    bool takeCloseRequest();
    // Ends a waitEvents early; may be called from any thread while the backend exists.
    static void wake();
    std::vector<std::string> takeDroppedPaths();  // files dropped on the window, in order

    // Uploads ImGui's font atlas again after it was rebuilt (another text size, another chain's characters).
    void reloadFontTexture();
    // ImGui's frame: beginFrame, then the app's widgets, then endFrame (renders and waits for the GPU, so
    // the frame's time is measured whole and the picture can be read back), then present.
    void beginFrame();
    void endFrame();
    void present();
    void toggleFullscreen();  // F11: the primary monitor's mode, and back to the window as it was
    // Every typed character passes through `filter` before ImGui sees it (characters beyond U+FFFF become
    // the stand-ins of exact_text.hpp, which a 16-bit ImGui can hold).
    void setCharFilter(std::function<unsigned(unsigned)> filter) { charFilter_ = std::move(filter); }
    // The frame endFrame drew, as a PNG; false when the file cannot be written.
    bool writeScreenshot(const std::string& path) const;

private:
    explicit Backend(GLFWwindow* window);
    static void onDrop(GLFWwindow* window, int count, const char** paths);
    static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void onChar(GLFWwindow* window, unsigned int c);
    std::function<unsigned(unsigned)> charFilter_;
    void latchKeyPresses();
    void releaseLatchedKeys();

    GLFWwindow* window_;
    std::vector<std::string> dropped_;
    // ImGui 1.86 reads key states once per frame, so a press and release within one slow frame (a busy
    // projector laptop, a sanitizer build) would be lost: presses are latched and held for one frame.
    std::vector<int> keyPresses_, latched_;
    int width_ = 0, height_ = 0;      // of the framebuffer endFrame drew
    unsigned fontTexture_ = 0;        // the atlas as one byte a pixel (reloadFontTexture), else 0
    bool singleChannelFont_ = false;  // an OpenGL 3.3 context: the atlas can be read through a swizzle
    bool windowed_ = true;
    int savedX_ = 0, savedY_ = 0, savedWidth_ = 0, savedHeight_ = 0;  // the window before fullscreen
};

}  // namespace viewer
