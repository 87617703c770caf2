# ballast_clp: how ballast links CLP. Statically when Debian's archives are installed
# (libClp.a, libCoinUtils.a, and the LAPACK, BLAS and Fortran runtime archives CoinUtils'
# dense factorization needs): a ballast process then loads six shared libraries fewer (CLP,
# CoinUtils, LAPACK, BLAS, gfortran, quadmath), about 5 ms of every start, most of it the
# dynamic loader's relocations. Otherwise, and for the Python module (a shared object, which
# these archives, built without -fPIC, cannot go into), the shared libraries from pkg-config.
option(BALLAST_STATIC_CLP "Link CLP statically when its static archives are installed" ON)

add_library(ballast_clp INTERFACE)
set(_clp_static OFF)
if(BALLAST_STATIC_CLP AND NOT BALLAST_PYTHON)
  set(_clp_archives "")
  set(_clp_missing "")
  foreach(lib Clp CoinUtils lapack blas)
    find_library(BALLAST_${lib}_ARCHIVE NAMES lib${lib}.a HINTS ${CLP_LIBRARY_DIRS})
    if(BALLAST_${lib}_ARCHIVE)
      list(APPEND _clp_archives ${BALLAST_${lib}_ARCHIVE})
    else()
      list(APPEND _clp_missing lib${lib}.a)
    endif()
  endforeach()
  # The compiler's own runtime archives (gcc's directory; clang finds the same one).
  foreach(lib gfortran quadmath)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=lib${lib}.a
                    OUTPUT_VARIABLE _path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(IS_ABSOLUTE "${_path}" AND EXISTS "${_path}")
      list(APPEND _clp_archives ${_path})
    else()
      list(APPEND _clp_missing lib${lib}.a)
    endif()
  endforeach()
  if(_clp_missing)
    message(STATUS "CLP linked as shared libraries (no ${_clp_missing})")
  else()
    set(_clp_static ON)
    target_include_directories(ballast_clp SYSTEM INTERFACE ${CLP_INCLUDE_DIRS})
    target_compile_options(ballast_clp INTERFACE ${CLP_CFLAGS_OTHER})
    # CoinUtils' compressed-file readers: their archives too where installed (one shared
    # library fewer to load each).
    foreach(lib bz2 z)
      find_library(BALLAST_${lib}_ARCHIVE NAMES lib${lib}.a)
      if(BALLAST_${lib}_ARCHIVE)
        list(APPEND _clp_archives ${BALLAST_${lib}_ARCHIVE})
      else()
        list(APPEND _clp_archives ${lib})
      endif()
    endforeach()
    target_link_libraries(ballast_clp INTERFACE ${_clp_archives} m)
    message(STATUS "CLP linked statically")
  endif()
endif()
if(NOT _clp_static)
  target_link_libraries(ballast_clp INTERFACE PkgConfig::CLP)
endif()
