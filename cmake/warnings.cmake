# Compiler warnings for our own targets only (not for imported or system code, and not through
# add_compile_options, which would also reach any third-party code added to the tree).
#   chainatlas_warnings(<target>)
# -Wall -Wextra always; -Werror when CHAINATLAS_WERROR is ON (scripts/test.sh), for the tests as for the rest:
# a default build with a newer or older compiler than ours must not fail on a warning it alone gives.
# Headers of imported targets (Boost, nlohmann_json, CLI11, doctest, ImGui, GLFW...) come in through
# -isystem, so their warnings never become our errors.
function(chainatlas_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  # GCC 12 at -O2 and above reports -Wrestrict inside libstdc++'s memcpy for ordinary std::string
  # concatenation ("x" + std::to_string(n) + "y"): a false positive (GCC bug 105329; sizes of exabytes at
  # negative offsets) that a plain Release build printed for a dozen lines of tests, viewer and core. Off for
  # GCC 12 only, Debian 12's compiler; other compilers keep the check.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CHAINATLAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  set_property(TARGET ${target} PROPERTY CHAINATLAS_WARNINGS ON)
endfunction()

# Names every compiled target of ours that has no chainatlas_warnings() call, so that a new target is not
# silently built without warnings. Fatal under CHAINATLAS_WERROR (scripts/test.sh), a warning otherwise.
function(chainatlas_check_warnings)
  set(directories "${PROJECT_SOURCE_DIR}")
  set(missing "")
  while(directories)
    list(POP_FRONT directories directory)
    get_property(subdirectories DIRECTORY "${directory}" PROPERTY SUBDIRECTORIES)
    list(APPEND directories ${subdirectories})
    get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      get_target_property(checked ${target} CHAINATLAS_WARNINGS)
      if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$" AND NOT checked)
        list(APPEND missing ${target})
      endif()
    endforeach()
  endwhile()
  if(missing)
    set(mode WARNING)
    if(CHAINATLAS_WERROR)
      set(mode FATAL_ERROR)
    endif()
    message(${mode} "targets without warnings: ${missing}; add chainatlas_warnings(<target>) "
                    "(cmake/warnings.cmake) after each add_executable/add_library")
  endif()
endfunction()
